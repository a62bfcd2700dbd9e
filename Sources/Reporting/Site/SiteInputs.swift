import BenchModel
import Foundation
import Regression
import ResultsStore

/// What the history site shows of every run, read in one snapshot: enough to draw the index,
/// the regressions page and the charts, and to tell which run pages are out of date.
package struct SiteOverview: Sendable {
    /// Every main run (of the testbed, when one is named), oldest first.
    package var runs: [RunRecord]
    /// The ``keyMetrics`` medians of each run that has them.
    package var keyFigures: [MetricID: [Int64: Double]]
    /// The alerts of each run's latest decision, by run.
    package var alerts: [Int64: [AlertRecord]]
    /// The latest gate decision of each run that was gated: its verdict.
    package var decisions: [Int64: DecisionRecord] = [:]
    package var baselineNames: [Int64: [String]]
    /// The CPUs of each run's host, to tell the alerts this tool expects there.
    package var cpus: [Int64: Int]
    /// The charts of the index: the last N runs, as a report of the newest run draws them.
    package var history: ReportHistory?

    /// The figures of the runs table; the host-load ones mark a run measured on a busy host.
    package static let keyMetrics: [MetricID] = [
        Metric.creation.createStart.id, Metric.parallel.efficiency.id, Metric.run.busySpecs.id,
        Metric.run.foreignCPU.id,
    ]

    package init(
        runs: [RunRecord], keyFigures: [MetricID: [Int64: Double]], alerts: [Int64: [AlertRecord]],
        decisions: [Int64: DecisionRecord] = [:], baselineNames: [Int64: [String]], cpus: [Int64: Int],
        history: ReportHistory?
    ) {
        self.runs = runs
        self.keyFigures = keyFigures
        self.alerts = alerts
        self.decisions = decisions
        self.baselineNames = baselineNames
        self.cpus = cpus
        self.history = history
    }

    package static func read(
        _ reader: any ResultsReader, testbed: String? = nil, historyLength: Int, statistic: SummaryStatistic
    ) throws -> SiteOverview {
        let runs = try reader.runs(RunQuery(testbed: testbed, purposes: [.main], order: .oldestFirst))
        let ids = runs.map(\.id)
        var figures: [MetricID: [Int64: Double]] = [:]
        for metric in keyMetrics { figures[metric] = try reader.summaries(of: metric, runs: ids).mapValues(\.median) }
        var alerts: [Int64: [AlertRecord]] = [:]
        for id in try reader.alertCounts(runs: ids).keys { alerts[id] = try reader.alerts(run: id) }
        var names: [Int64: [String]] = [:]
        for baseline in try reader.baselines() { names[baseline.runID, default: []].append(baseline.name) }
        var cpus: [Int64: Int] = [:]
        for id in ids { cpus[id] = try reader.environment(run: id)?.cpuCount }
        let decisions = try reader.latestDecisions(runs: ids)
        let history = try runs.last.map {
            try ReportHistory.read(reader, endingWith: $0, length: historyLength, statistic: statistic)
        }
        return SiteOverview(
            runs: runs, keyFigures: figures, alerts: alerts, decisions: decisions,
            baselineNames: names.mapValues { $0.sorted() },
            cpus: cpus, history: history)
    }
}

/// What one run's page shows, read for the pages that are out of date.
package struct RunPageInputs: Sendable {
    package var run: RunRecord
    package var summaries: [MetricSummary]
    package var checks: [RecordedCheck]
    package var failures: [RecordedFailure]
    package var notes: [RecordedNote]
    package var environment: EnvironmentFingerprint?
    /// The environment of the main run before it, to say what changed.
    package var previousEnvironment: EnvironmentFingerprint?
    /// The run's gate decisions, oldest first; the last is its verdict.
    package var decisions: [DecisionRecord] = []

    package static func read(_ reader: any ResultsReader, run: RunRecord, previous: RunRecord?) throws -> RunPageInputs
    {
        RunPageInputs(
            run: run, summaries: try reader.summaries(run: run.id), checks: try reader.checks(run: run.id),
            failures: try reader.failures(run: run.id), notes: try reader.notes(run: run.id),
            environment: try reader.environment(of: run),
            previousEnvironment: try previous.flatMap { try reader.environment(of: $0) },
            decisions: try reader.decisions(run: run.id))
    }
}
