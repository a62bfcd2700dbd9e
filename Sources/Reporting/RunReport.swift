import BenchModel
import Foundation
import Regression
import ResultsStore

/// Everything a report shows about one run, in the shape the JSON report encodes
/// (documented in REPORT-JSON.md). The HTML and Markdown renderers read nothing else.
package struct RunReport: Sendable, Codable, Hashable {
    /// Raised when a field changes meaning or disappears; new fields keep the version.
    package static let currentFormatVersion = 2

    package var formatVersion: Int
    package var generatedAt: Date
    package var toolVersion: String
    package var run: RunRecord
    /// The names of the baselines that point at this run.
    package var baselineNames: [String]
    package var verdict: ReportVerdict
    /// What the run was compared with; nil when there is nothing to compare with yet.
    package var baseline: ReportBaseline?
    /// The comparison with the baseline; nil when the run did not complete.
    package var comparison: RunComparison?
    /// The run's own summaries, also for failed and aborted runs that measured something.
    package var summaries: [MetricSummary]
    package var checks: [RecordedCheck]
    package var environment: EnvironmentFingerprint?
    /// Fields that differ from the baseline's environment and can move the figures.
    package var environmentDifferences: [EnvironmentFingerprint.Difference]
    package var notes: [RecordedNote]
    package var failures: [RecordedFailure]
    package var containerCount: Int
    /// Containers whose removal the engine did not confirm.
    package var containersNotRemoved: [RecordedContainer]
    /// The alerts the gate stored for this run, if it was gated.
    package var storedAlerts: [AlertRecord]
    /// The key metrics over the last runs, oldest first, ending with this run.
    package var trends: [MetricTrend]
    package var phases: PhaseHistory
    /// Runs in the charts' window whose environment differs from the run before them.
    package var environmentChanges: [EnvironmentChange]

    /// The rule and metric of an alert's sentence: from the comparison, or from the alerts the
    /// gate stored when the comparison shown is a re-evaluation.
    package func source(ofAlert message: String) -> (rule: String, metric: MetricID)? {
        if let outcome = comparison?.outcomes.first(where: { $0.message == message }) {
            return (outcome.rule, outcome.metric)
        }
        return storedAlerts.first { $0.message == message }.map { ($0.rule, $0.metric) }
    }

    /// The trend of `metric`, when it is one of the key metrics.
    package func trend(of metric: MetricID) -> MetricTrend? {
        trends.first { $0.metric == metric }
    }
}

/// What a run was compared with.
package struct ReportBaseline: Sendable, Codable, Hashable {
    /// How the comparison names it: `baseline "default" (run 41)`, `run 40 (the latest clean run)`.
    package var label: String
    /// The baseline's name, when a named baseline was used.
    package var name: String?
    /// One run, or the K runs of a rolling window, oldest first.
    package var runIDs: [Int64]

    package init(label: String, name: String?, runIDs: [Int64]) {
        self.label = label
        self.name = name
        self.runIDs = runIDs
    }

}
