import BenchModel
import Foundation
import Regression
import ResultsStore

extension FleetReport {
    /// What the fleet view shows of one testbed, read from one snapshot with every other testbed's
    /// (the workflow's `FleetReport.read`).
    package struct TestbedHistory: Sendable {
        package var name: String
        /// The testbed's latest main run.
        package var latest: RunRecord
        /// The window of main runs ending with `latest`.
        package var history: ReportHistory
        /// The latest standing decision of each run of the window that was gated.
        package var decisions: [Int64: DecisionRecord]
        /// The latest run's summaries.
        package var summaries: [MetricSummary]

        package init(
            name: String, latest: RunRecord, history: ReportHistory, decisions: [Int64: DecisionRecord],
            summaries: [MetricSummary]
        ) {
            self.name = name
            self.latest = latest
            self.history = history
            self.decisions = decisions
            self.summaries = summaries
        }
    }

    /// The fleet view of `testbeds`: each one's latest figures, verdict, alerting streak, trends
    /// and silence at `generatedAt`, beside the fleet's medians.
    package static func build(
        from testbeds: [TestbedHistory], store: String, historyLength: Int = defaultHistoryLength,
        statistic: SummaryStatistic = .median, generatedAt: Date = Date()
    ) -> FleetReport {
        let entries = testbeds.map { given in
            var entry = testbed(
                given.name, latest: given.latest, history: given.history, decisions: given.decisions,
                statistic: statistic, summaries: given.summaries)
            entry.silence = TestbedSilence(runStarts: given.history.runs.map(\.startedAt), now: generatedAt)
            return entry
        }
        return build(entries, store: store, historyLength: historyLength, generatedAt: generatedAt)
    }

    private static func testbed(
        _ name: String, latest: RunRecord, history: ReportHistory, decisions: [Int64: DecisionRecord],
        statistic: SummaryStatistic,
        summaries: [MetricSummary]
    ) -> FleetTestbed {
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
