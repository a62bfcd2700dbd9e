import BenchModel
import Foundation
import Regression
import ResultsStore

extension FleetReport {
    /// Reads every testbed's latest main run, decisions and history in one snapshot and builds the view.
    package static func read(
        _ reader: any ResultsReader, store: String, historyLength: Int = defaultHistoryLength,
        statistic: SummaryStatistic = .median,
        generatedAt: Date = Date()
    ) throws -> FleetReport {
        var testbeds: [FleetTestbed] = []
        for name in try reader.testbeds() {
            guard let latest = try reader.latestMainRun(testbed: name) else { continue }
            let history = try ReportHistory.read(reader, endingWith: latest, length: historyLength, withSeries: false)
            let decisions = try reader.latestDecisions(runs: history.runs.map(\.id))
            var entry = try testbed(
                name, latest: latest, history: history, decisions: decisions, statistic: statistic,
                summaries: try reader.summaries(run: latest.id))
            entry.silence = TestbedSilence(runStarts: history.runs.map(\.startedAt), now: generatedAt)
            testbeds.append(entry)
        }
        return build(testbeds, store: store, historyLength: historyLength, generatedAt: generatedAt)
    }

    private static func testbed(
        _ name: String, latest: RunRecord, history: ReportHistory, decisions: [Int64: DecisionRecord],
        statistic: SummaryStatistic,
        summaries: [MetricSummary]
    ) throws -> FleetTestbed {
        let window = HistoryWindow(
            history: history, reportedRunID: latest.id, comparedBaseline: [], reportedAlerts: nil)
        let trends = keyMetrics.map { key in
            window.trend(of: key, statistic: .compared(for: key.metric, preferred: statistic), references: [])
        }
        let figures = keyMetrics.compactMap { key -> FleetFigure? in
            guard let summary = summaries.first(where: { $0.metric == key.metric }) else { return nil }
            let used = SummaryStatistic.compared(for: key.metric, preferred: statistic)
            return FleetFigure(
                metric: key.metric, unit: key.metric.unit, statistic: used,
                value: HistoryWindow.figure(of: summary, statistic: used),
                fleetRatio: nil)
        }
        let decision = decisions[latest.id]
        let verdict: FleetVerdict
        if let decision {
            let kind: FleetVerdict.Kind =
                switch decision.verdict {
                case .passed: .passed
                case .alert: .alert
                case .missing: .missing
                case .incomplete: .notCompleted
                }
            verdict = FleetVerdict(
                kind: kind, alertCount: decision.alertCount, missingCount: decision.missingCount,
                decidedAt: decision.decidedAt, baseline: decision.baseline.label)
        } else {
            verdict = FleetVerdict(
                kind: latest.status == .completed ? .notGated : .notCompleted, alertCount: 0, missingCount: 0)
        }
        // Newest first: alerting gated runs extend the series, a passing one ends it, ungated runs are stepped over.
        var streak: [RunRecord] = []
        for run in history.runs.reversed() {
            guard let decision = decisions[run.id] else { continue }
            if decision.passed { break }
            streak.append(run)
        }
        return FleetTestbed(
            testbed: name, latestRun: FleetRun(latest), figures: figures, verdict: verdict,
            alertingSince: streak.last.map(FleetRun.init),
            alertingRuns: streak.count, trends: trends)
    }

    /// Adds each figure's ratio to the fleet median and orders the testbeds.
    static func build(_ testbeds: [FleetTestbed], store: String, historyLength: Int, generatedAt: Date) -> FleetReport {
        var medians: [String: Double] = [:]
        for key in keyMetrics {
            let values = testbeds.compactMap { $0.figures.first { $0.metric == key.metric }?.value }
            if !values.isEmpty { medians[key.metric.rawValue] = Statistics.median(values) }
        }
        let rated = testbeds.map { testbed in
            var testbed = testbed
            testbed.figures = testbed.figures.map { figure in
                var figure = figure
                if let median = medians[figure.metric.rawValue], median != 0, figure.unit != .count {
                    figure.fleetRatio = figure.value / median
                }
                return figure
            }
            return testbed
        }
        // Alerting testbeds first, then those whose gate could not pass for a missing metric.
        func rank(_ kind: FleetVerdict.Kind) -> Int { kind == .alert ? 0 : kind == .missing ? 1 : 2 }
        let ordered = rated.sorted { lhs, rhs in
            let (left, right) = (rank(lhs.verdict.kind), rank(rhs.verdict.kind))
            return left != right ? left < right : lhs.testbed < rhs.testbed
        }
        return FleetReport(
            generatedAt: generatedAt, store: store, historyLength: historyLength, testbeds: ordered,
            fleetMedians: medians)
    }
}
