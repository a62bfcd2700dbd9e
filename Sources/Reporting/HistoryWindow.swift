import BenchModel
import Foundation
import Regression
import ResultsStore

/// The main runs the charts show: the last N up to and including the reported run (a
/// confirmation run is not a main run; its window ends with the last main run before it).
struct HistoryWindow {
    let database: ResultsDatabase
    /// Oldest first.
    let runs: [RunRecord]
    /// How many main runs are newer than the window: the offset `history(metric:limit:)` must skip.
    let newerRuns: Int
    let reportedRunID: Int64
    let comparedBaseline: Set<Int64>
    let baselineNames: [Int64: [String]]
    /// The metric of each alert of each run.
    let alerts: [Int64: [MetricID]]

    /// `reportedAlerts` replace the reported run's stored alerts when the report compared it:
    /// the charts then agree with the verdict at the top of the page.
    static func load(
        database: ResultsDatabase, endingWith run: RunRecord, length: Int, comparedBaseline: [Int64],
        reportedAlerts: [MetricID]?
    ) throws -> HistoryWindow {
        let newestFirst = try database.runs(purposes: [.main])
        let newer = newestFirst.prefix { ($0.startedAt, $0.id) > (run.startedAt, run.id) }.count
        let window = Array(newestFirst.dropFirst(newer).prefix(length).reversed())
        var names: [Int64: [String]] = [:]
        for baseline in try database.baselines() { names[baseline.runID, default: []].append(baseline.name) }
        var alerts: [Int64: [MetricID]] = [:]
        for windowRun in window { alerts[windowRun.id] = try database.alerts(run: windowRun.id).map(\.metric) }
        if let reportedAlerts { alerts[run.id] = reportedAlerts }
        return HistoryWindow(
            database: database, runs: window, newerRuns: newer, reportedRunID: run.id, comparedBaseline: Set(comparedBaseline),
            baselineNames: names, alerts: alerts)
    }

    func trend(of key: TrendMetric, statistic: SummaryStatistic, references: [TrendReference]) throws -> MetricTrend {
        let history = try database.history(metric: key.metric, limit: newerRuns + runs.count)
        let summaries = Dictionary(history.map { ($0.runID, $0.summary) }, uniquingKeysWith: { first, _ in first })
        let points = runs.map { run in
            let summary = summaries[run.id] ?? nil
            let isTotal = statistic == .total
            return TrendPoint(
                runID: run.id, startedAt: run.startedAt, status: run.status, label: run.label,
                value: summary.map { Self.figure(of: $0, statistic: statistic) },
                low: isTotal ? nil : summary?.min, high: isTotal ? nil : summary?.max, sampleCount: summary?.n,
                baselineNames: (baselineNames[run.id] ?? []).sorted(), isComparedBaseline: comparedBaseline.contains(run.id),
                alertCount: alerts[run.id]?.count ?? 0,
                metricAlertCount: alerts[run.id]?.filter { $0 == key.metric }.count ?? 0, isReportedRun: run.id == reportedRunID)
        }
        return MetricTrend(
            metric: key.metric, title: key.title, unit: key.metric.unit, direction: key.metric.direction,
            statistic: statistic, references: references, points: points)
    }

    func phaseHistory(of metric: MetricID) throws -> PhaseHistory {
        let runs = try runs.map { run in
            let timings = try database.samples(run: run.id, metric: metric).compactMap(\.sample.phases)
            var seconds: [LifecyclePhase: [Double]] = [:]
            for timing in timings {
                for (phase, value) in timing.recorded where value.isFinite { seconds[phase, default: []].append(value) }
            }
            let medians = LifecyclePhase.allCases.compactMap { phase in
                seconds[phase].map { PhaseMedian(phase: phase, seconds: Statistics.median($0)) }
            }
            return PhaseRun(
                runID: run.id, startedAt: run.startedAt, status: run.status, sampleCount: timings.count, phases: medians,
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
