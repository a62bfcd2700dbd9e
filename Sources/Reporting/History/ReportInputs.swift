import BenchModel
import Foundation
import Regression
import ResultsStore

/// Everything a report is made of, read from the store in one snapshot (the workflow's report
/// loader does that, `ReportInputs.read`), so that the page cannot contradict itself while a run
/// is being written.
package struct ReportInputs: Sendable {
    package var run: RunRecord
    /// What the run was compared with; nil when there is nothing to compare with yet.
    package var baseline: ReportBaseline?
    /// The comparison that is the run's verdict: the stored decision's (its baseline, its rules,
    /// its outcomes) when the run was gated; nil when the run did not complete.
    package var comparison: RunComparison?
    /// The alerts that stand: the comparison's, or fewer when the gate confirmed them by re-running.
    package var standingAlerts: [RuleOutcome]?
    /// The run's gate decisions, oldest first; the last is its verdict.
    package var decisions: [DecisionRecord]
    /// The comparison the report was asked for, when it differs from the stored decision's.
    package var reevaluation: Reevaluation?
    package var summaries: [MetricSummary]
    package var checks: [RecordedCheck]
    package var failures: [RecordedFailure]
    package var notes: [RecordedNote]
    package var containers: [RecordedContainer]
    package var environment: EnvironmentFingerprint?
    /// The environments of the baseline's runs, oldest first: for a run that was not compared.
    package var baselineEnvironments: [EnvironmentFingerprint]
    package var storedAlerts: [AlertRecord]
    package var history: ReportHistory

    package init(
        run: RunRecord, baseline: ReportBaseline?, comparison: RunComparison?, standingAlerts: [RuleOutcome]?,
        summaries: [MetricSummary], checks: [RecordedCheck], failures: [RecordedFailure], notes: [RecordedNote],
        containers: [RecordedContainer], environment: EnvironmentFingerprint?,
        baselineEnvironments: [EnvironmentFingerprint],
        storedAlerts: [AlertRecord], history: ReportHistory, decisions: [DecisionRecord] = [],
        reevaluation: Reevaluation? = nil
    ) {
        self.run = run
        self.baseline = baseline
        self.comparison = comparison
        self.standingAlerts = standingAlerts
        self.summaries = summaries
        self.checks = checks
        self.failures = failures
        self.notes = notes
        self.containers = containers
        self.environment = environment
        self.baselineEnvironments = baselineEnvironments
        self.storedAlerts = storedAlerts
        self.history = history
        self.decisions = decisions
        self.reevaluation = reevaluation
    }

    /// A comparison with other rules or another baseline than the stored decision's.
    package struct Reevaluation: Sendable {
        /// What differs: `maxCreationSlowdown 10 %`, `against run 7 instead of …`.
        package var changes: [String]
        package var comparison: RunComparison
        package var baseline: ReportBaseline?
        package var configuration: RegressionConfiguration

        package init(
            changes: [String], comparison: RunComparison, baseline: ReportBaseline?,
            configuration: RegressionConfiguration
        ) {
            self.changes = changes
            self.comparison = comparison
            self.baseline = baseline
            self.configuration = configuration
        }
    }
}

/// The main runs the charts show — the last N up to and including the reported run — with what
/// the charts draw of each, and every completed run's key figures for the change points.
package struct ReportHistory: Sendable {
    /// Oldest first.
    package var runs: [RunRecord]
    /// The summary of each key metric in each run that has it.
    package var summaries: [MetricID: [Int64: MetricSummary]]
    /// The interquartile range of each key metric's samples in each run that has them.
    package var quartiles: [MetricID: [Int64: Quartiles]]
    /// The metric of each alert stored for each run.
    package var alertMetrics: [Int64: [MetricID]]
    /// The baselines that point at each run.
    package var baselineNames: [Int64: [String]]
    /// The phase timings of each run's creation samples.
    package var creationPhases: [Int64: [PhaseTimings]]
    /// What each run in the window ran on, when it was recorded.
    package var environments: [Int64: EnvironmentFingerprint]
    /// Each key metric that is not a count over every completed main run up to the reported
    /// one: where change points are searched (a window of 90 runs is too short to tell a
    /// creep from noise).
    package var series: [MetricSeries]
    /// The alert limit of each key metric in each gated run's standing decision, in the
    /// metric's unit: the line each decision was judged by, drawn as the steps it was.
    package var decidedLimits: [Int64: [MetricID: Double]] = [:]

    package init(
        runs: [RunRecord], summaries: [MetricID: [Int64: MetricSummary]],
        quartiles: [MetricID: [Int64: Quartiles]] = [:],
        alertMetrics: [Int64: [MetricID]], baselineNames: [Int64: [String]], creationPhases: [Int64: [PhaseTimings]],
        environments: [Int64: EnvironmentFingerprint] = [:], series: [MetricSeries] = []
    ) {
        self.runs = runs
        self.summaries = summaries
        self.quartiles = quartiles
        self.alertMetrics = alertMetrics
        self.baselineNames = baselineNames
        self.creationPhases = creationPhases
        self.environments = environments
        self.series = series
    }

    /// The metrics whose summaries a report needs.
    package static var metrics: [MetricID] { TrendMetric.keyMetrics.map(\.metric) }

    /// Where each checked rule of `decision` starts alerting, by metric: a bound, or the
    /// decision's baseline moved by its relative limit. Where two rules watch one metric, the
    /// stricter (the first crossed) is the line.
    package static func limits(of decision: GateDecision) -> [MetricID: Double] {
        var limits: [MetricID: Double] = [:]
        for outcome in decision.outcomes where outcome.status == .passed || outcome.status == .alert {
            let smallerIsBetter = outcome.metric.direction == .smallerIsBetter
            let value: Double
            switch outcome.limit {
            case .bound(let bound): value = bound
            case .maxWorsening(let fraction):
                guard let baseline = outcome.baseline else { continue }
                value = baseline * (smallerIsBetter ? 1 + fraction : 1 - fraction)
            }
            guard value.isFinite else { continue }
            let stricter = limits[outcome.metric].map { smallerIsBetter ? min($0, value) : max($0, value) }
            limits[outcome.metric] = stricter ?? value
        }
        return limits
    }
}

/// The middle half of a run's samples: the band around a trend's line.
package struct Quartiles: Sendable, Codable, Hashable {
    package var lower: Double
    package var upper: Double

    package init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The 25th and 75th percentiles (R-7, as NumPy); nil without values.
    package init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(lower: Statistics.quantile(sorted: sorted, 0.25), upper: Statistics.quantile(sorted: sorted, 0.75))
    }
}
