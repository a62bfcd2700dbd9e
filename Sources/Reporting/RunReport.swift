import BenchModel
import Foundation
import Regression
import ResultsStore

/// Everything a report shows about one run, in the shape the JSON report encodes
/// (documented in REPORT-JSON.md). The HTML and Markdown renderers read nothing else.
public struct RunReport: Sendable, Codable, Hashable {
    /// Raised when a field changes meaning or disappears; new fields keep the version.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var generatedAt: Date
    public var toolVersion: String
    public var run: RunRecord
    /// The names of the baselines that point at this run.
    public var baselineNames: [String]
    public var verdict: ReportVerdict
    /// What the run was compared with; nil when there is nothing to compare with yet.
    public var baseline: ReportBaseline?
    /// The comparison with the baseline; nil when the run did not complete.
    public var comparison: RunComparison?
    /// The run's own summaries, also for failed and aborted runs that measured something.
    public var summaries: [MetricSummary]
    public var checks: [RecordedCheck]
    public var environment: EnvironmentFingerprint?
    /// Fields that differ from the baseline's environment and can move the figures.
    public var environmentDifferences: [EnvironmentFingerprint.Difference]
    public var notes: [RecordedNote]
    public var failures: [RecordedFailure]
    public var containerCount: Int
    /// Containers whose removal the engine did not confirm.
    public var containersNotRemoved: [RecordedContainer]
    /// The alerts the gate stored for this run, if it was gated.
    public var storedAlerts: [AlertRecord]
    /// The key metrics over the last runs, oldest first, ending with this run.
    public var trends: [MetricTrend]
    public var phases: PhaseHistory
    /// Runs in the charts' window whose environment differs from the run before them.
    public var environmentChanges: [EnvironmentChange]

    /// The trend of `metric`, when it is one of the key metrics.
    public func trend(of metric: MetricID) -> MetricTrend? {
        trends.first { $0.metric == metric }
    }
}

/// What a run was compared with.
public struct ReportBaseline: Sendable, Codable, Hashable {
    /// How the comparison names it: `baseline "default" (run 41)`, `run 40 (the latest clean run)`.
    public var label: String
    /// The baseline's name, when a named baseline was used.
    public var name: String?
    /// One run, or the K runs of a rolling window, oldest first.
    public var runIDs: [Int64]

    public init(label: String, name: String?, runIDs: [Int64]) {
        self.label = label
        self.name = name
        self.runIDs = runIDs
    }

}
