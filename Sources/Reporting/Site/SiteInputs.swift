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
        Metric.run.foreignCPU.id, Metric.run.ioWait.id,
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

    package init(
        run: RunRecord, summaries: [MetricSummary], checks: [RecordedCheck], failures: [RecordedFailure],
        notes: [RecordedNote], environment: EnvironmentFingerprint?, previousEnvironment: EnvironmentFingerprint?,
        decisions: [DecisionRecord]
    ) {
        self.run = run
        self.summaries = summaries
        self.checks = checks
        self.failures = failures
        self.notes = notes
        self.environment = environment
        self.previousEnvironment = previousEnvironment
        self.decisions = decisions
    }
}
