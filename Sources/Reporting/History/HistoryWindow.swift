import BenchModel
import Foundation
import Regression
import ResultsStore

/// The runs the charts show, turned into trend points and phase stacks.
struct HistoryWindow {
    let history: ReportHistory
    let reportedRunID: Int64
    let comparedBaseline: Set<Int64>
    /// The metric of each alert of each run; the reported run's are the alerts of its report.
    let alerts: [Int64: [MetricID]]

    /// `reportedAlerts` replace the reported run's stored alerts when the report compared it:
    /// the charts then agree with the verdict at the top of the page.
    init(history: ReportHistory, reportedRunID: Int64, comparedBaseline: [Int64], reportedAlerts: [MetricID]?) {
        self.history = history
        self.reportedRunID = reportedRunID
        self.comparedBaseline = Set(comparedBaseline)
        var alerts = history.alertMetrics
        if let reportedAlerts { alerts[reportedRunID] = reportedAlerts }
        self.alerts = alerts
    }

    func trend(
        of key: TrendMetric, statistic: SummaryStatistic, references: [TrendReference], changePoints: [LevelShift] = []
    ) -> MetricTrend {
        let summaries = history.summaries[key.metric] ?? [:]
        let quartiles = history.quartiles[key.metric] ?? [:]
        let points = history.runs.map { run in
            let summary = summaries[run.id]
            let isTotal = statistic == .total
            var point = TrendPoint(
                runID: run.id, startedAt: run.startedAt, status: run.status, label: run.label,
                value: summary.map { Self.figure(of: $0, statistic: statistic) },
                low: isTotal ? nil : summary?.min, high: isTotal ? nil : summary?.max,
                lowerQuartile: isTotal ? nil : quartiles[run.id]?.lower,
                upperQuartile: isTotal ? nil : quartiles[run.id]?.upper,
                reason: run.reason, sampleCount: summary?.n,
                baselineNames: (history.baselineNames[run.id] ?? []).sorted(),
                isComparedBaseline: comparedBaseline.contains(run.id),
                alertCount: alerts[run.id]?.count ?? 0,
                metricAlertCount: alerts[run.id]?.filter { $0 == key.metric }.count ?? 0,
                isReportedRun: run.id == reportedRunID)
            point.decidedLimit = history.decidedLimits[run.id]?[key.metric]
            return point
        }
        return MetricTrend(
            metric: key.metric, title: key.title, unit: key.metric.unit, direction: key.metric.direction,
            statistic: statistic, references: references, points: points,
            changePoints: changePoints.filter { shift in points.contains { $0.runID == shift.runID } })
    }

    /// The runs whose environment differs from the run before them in the window, in a field
    /// that can move the figures.
    func environmentChanges() -> [EnvironmentChange] {
        var changes: [EnvironmentChange] = []
        var previous: (id: Int64, environment: EnvironmentFingerprint)?
        for run in history.runs {
            guard let environment = history.environments[run.id] else { continue }
            if let previous {
                let differences = previous.environment.differences(to: environment)
                if !differences.isEmpty {
                    changes.append(
                        EnvironmentChange(
                            runID: run.id, startedAt: run.startedAt, previousRunID: previous.id,
                            differences: differences))
                }
            }
            previous = (run.id, environment)
        }
        return changes
    }

    func phaseHistory(of metric: MetricID) -> PhaseHistory {
        let runs = history.runs.map { run in
            let timings = history.creationPhases[run.id] ?? []
            var seconds: [LifecyclePhase: [Double]] = [:]
            for timing in timings {
                for (phase, value) in timing.recorded where value.isFinite { seconds[phase, default: []].append(value) }
            }
            let medians = LifecyclePhase.allCases.compactMap { phase in
                seconds[phase].map { PhaseMedian(phase: phase, seconds: Statistics.median($0)) }
            }
            return PhaseRun(
                runID: run.id, startedAt: run.startedAt, status: run.status, sampleCount: timings.count,
                phases: medians,
                isComparedBaseline: comparedBaseline.contains(run.id), alertCount: alerts[run.id]?.count ?? 0,
                isReportedRun: run.id == reportedRunID)
        }
        return PhaseHistory(metric: metric, runs: runs)
    }

    /// A summary's figure for `statistic`. Totals come back from mean × n, so they are rounded
    /// to the precision a count can have in a double, lest 2 read as 1.9999999999999998.
    static func figure(of summary: MetricSummary, statistic: SummaryStatistic) -> Double {
        switch statistic {
        case .median: return summary.median
        case .mean: return summary.mean
        case .total: return (summary.mean * Double(summary.n) * 1e9).rounded() / 1e9
        }
    }
}
