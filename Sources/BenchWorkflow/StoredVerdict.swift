import BenchModel
import Foundation
import Regression
import ResultsStore

/// What a view of a run (`diff`, `runs show`) shows about its verdict: the decisions the gate
/// stored, the latest being the verdict, and the comparison to print. A view that asks for
/// nothing else prints the stored verdict — its baseline, its rules, its outcomes (confirmed
/// alerts and all). A view that asks for other rules or another baseline prints a
/// re-evaluation, beside the stored verdict and never in its place.
public struct StoredVerdict: Sendable {
    /// A decision as stored, with its document read back (nil when a document cannot be read,
    /// such as one written by a newer sandbox-bench).
    public struct Entry: Sendable {
        public var record: DecisionRecord
        public var decision: GateDecision?

        public init(record: DecisionRecord) {
            self.record = record
            self.decision = try? GateDecision(document: record.document)
        }
    }

    /// Every decision of the run, oldest first.
    public var decisions: [Entry]
    /// The comparison to show.
    public var comparison: StoredComparison
    /// How the comparison differs from the stored verdict (`--max-creation-slowdown 10 %`,
    /// `baseline run 7 instead of baseline "default" (run 4)`); empty when it is the stored verdict.
    /// Nil when the run was never gated.
    public var reevaluation: [String]?
    /// True when the verdict's baseline is not in this store (a file that was not imported, a
    /// deleted run): the comparison then has the verdict's outcomes but no baseline figures.
    public var baselineMissing: Bool

    /// The decision that is the run's verdict.
    public var verdict: Entry? { decisions.last }

    /// What the view asked for beyond the run itself.
    public struct Request: Sendable {
        /// A baseline name, run id or `latest`; nil for the stored verdict's baseline (or the default policy).
        public var baseline: String?
        public var window: Int?
        public var file: BaselineFileChoice?
        /// The configuration to compare with, given the stored verdict's configuration (nil when
        /// the run was never gated): the command line applies its options on top of it.
        public var configuration: @Sendable (RegressionConfiguration?) throws -> RegressionConfiguration

        public init(
            baseline: String? = nil, window: Int? = nil, file: BaselineFileChoice? = nil,
            configuration: @escaping @Sendable (RegressionConfiguration?) throws -> RegressionConfiguration = { $0 ?? .init() }
        ) {
            self.baseline = baseline
            self.window = window
            self.file = file
            self.configuration = configuration
        }

        var asksForBaseline: Bool { baseline != nil || window != nil || file != nil }
    }

    /// Reads the run's decisions and builds the comparison the view asked for, in one snapshot.
    public static func load(_ reader: any ResultsReader, candidate: RunRecord, request: Request) throws -> StoredVerdict {
        let decisions = try reader.decisions(run: candidate.id).map(Entry.init(record:))
        guard let latest = decisions.last, let decision = latest.decision else {
            let comparison = try StoredComparison.load(
                reader, candidate: candidate, requested: request.baseline, window: request.window, file: request.file,
                configuration: try request.configuration(nil))
            return StoredVerdict(decisions: decisions, comparison: comparison, reevaluation: nil, baselineMissing: false)
        }
        let configuration = try request.configuration(decision.configuration)
        let stored = latest.record.baseline
        var comparison: StoredComparison
        var baselineMissing = false
        if request.asksForBaseline {
            comparison = try StoredComparison.load(
                reader, candidate: candidate, requested: request.baseline, window: request.window, file: request.file,
                configuration: configuration)
        } else {
            // Exactly the verdict's baseline: none when it had none, and none when its runs are gone.
            let resolution = stored.runs.isEmpty ? nil : try BaselineResolver(reader).decidedBaseline(of: candidate)
            baselineMissing = !stored.runs.isEmpty && resolution == nil
            comparison = try StoredComparison.load(reader, candidate: candidate, baseline: resolution, configuration: configuration)
        }
        var changes = configuration.settingsDiffering(from: decision.configuration)
        let shown = comparison.baseline?.reference ?? .none
        if request.asksForBaseline, Set(shown.runs.map(\.uuid)) != Set(stored.runs.map(\.uuid)) {
            changes.append("against \(shown.label ?? "no baseline") instead of \(stored.label ?? "no baseline")")
        }
        if changes.isEmpty {
            // The stored verdict: its outcomes, as confirmation left them, under its baseline's name.
            comparison.result.outcomes = decision.outcomes
            if baselineMissing { comparison.result.baselineLabel = stored.label }
        }
        return StoredVerdict(decisions: decisions, comparison: comparison, reevaluation: changes, baselineMissing: baselineMissing)
    }
}
