import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

/// What a view of a run (`diff`, `runs show`, `report`, the history site's run pages) shows
/// about its verdict: the decisions the gate stored, the latest being the verdict, the verdict's
/// own comparison, and a re-evaluation when the view asks for other rules or another baseline —
/// beside the stored verdict, never in its place. The one reading of stored decisions.
package struct StoredVerdict: Sendable {
    /// A decision as stored, with its document read back (nil when a document cannot be read,
    /// such as one written by a newer sandbox-bench).
    package struct Entry: Sendable {
        package var record: DecisionRecord
        package var decision: GateDecision?

        package init(record: DecisionRecord) {
            self.record = record
            self.decision = record.gateDecision
        }
    }

    /// A comparison made with what the view asked for where it differs from the stored verdict.
    package struct Reevaluation: Sendable {
        /// How it differs: `maxCreationSlowdown 10 %`, `against run 7 instead of baseline "default" (run 4)`.
        package var changes: [String]
        package var comparison: StoredComparison
        package var configuration: RegressionConfiguration
    }

    /// Every decision of the run, oldest first, one-offs included.
    package var decisions: [Entry]
    /// The verdict as the gate made it: compared with its baseline (when this store still holds
    /// it) under its rules, showing the outcomes it stored (confirmed alerts and all) under its
    /// baseline's name. Nil when the run was never gated or its decision cannot be read.
    package var stored: StoredComparison?
    /// True when the verdict's baseline is not in this store (a file that was not imported, a
    /// deleted run) and the view asked for no other: the stored comparison then has the
    /// verdict's outcomes but no baseline figures.
    package var baselineMissing: Bool
    /// Nil when the view asked for nothing the stored verdict does not have, or the run was never gated.
    package var reevaluation: Reevaluation?
    /// The comparison a view that shows one prints: the re-evaluation when there is one, else the
    /// stored verdict, else (a run never gated) the comparison asked for.
    package var comparison: StoredComparison
    /// The rules `comparison` was made with.
    package var configuration: RegressionConfiguration

    /// The decision that is the run's verdict: its latest standing one (a later one-off does not replace it).
    package var verdict: Entry? { decisions.last { $0.record.standing } }

    /// What the view asked for beyond the run itself.
    package struct Request: Sendable {
        /// A baseline name, run id or `latest`; nil for the stored verdict's baseline (or the default policy).
        package var baseline: String?
        package var window: Int?
        package var file: BaselineFileChoice?
        /// The configuration to compare with, given the stored verdict's configuration (nil when
        /// the run was never gated): the command line applies its options on top of it.
        package var configuration: @Sendable (RegressionConfiguration?) throws -> RegressionConfiguration

        package init(
            baseline: String? = nil, window: Int? = nil, file: BaselineFileChoice? = nil,
            configuration: @escaping @Sendable (RegressionConfiguration?) throws -> RegressionConfiguration = {
                $0 ?? .init()
            }
        ) {
            self.baseline = baseline
            self.window = window
            self.file = file
            self.configuration = configuration
        }

        var asksForBaseline: Bool { baseline != nil || window != nil || file != nil }
    }

    /// Reads the run's decisions and builds the comparisons the view asked for, in one snapshot.
    package static func load(_ reader: any ResultsReader, candidate: RunRecord, request: Request) throws
        -> StoredVerdict
    {
        let decisions = try reader.decisions(run: candidate.id).map(Entry.init(record:))
        guard let latest = decisions.last(where: { $0.record.standing }), let decision = latest.decision else {
            let configuration = try request.configuration(nil)
            let comparison = try StoredComparison.load(
                reader, candidate: candidate, requested: request.baseline, window: request.window, file: request.file,
                configuration: configuration)
            return StoredVerdict(
                decisions: decisions, stored: nil, baselineMissing: false, reevaluation: nil, comparison: comparison,
                configuration: configuration)
        }
        // Exactly the verdict's baseline: none when it had none, and none when its runs (or its
        // file's kept content) are gone.
        let kept = latest.record.baseline
        let decided: BaselineResolver.Resolution?
        switch try BaselineResolver(reader).decidedBaseline(of: candidate, decision: latest.record) {
        case .available(let resolution): decided = resolution
        case .none, .gone: decided = nil
        }
        let hadBaseline = !kept.runs.isEmpty || kept.kind == "file"
        var stored = try StoredComparison.load(
            reader, candidate: candidate, baseline: decided, configuration: decision.configuration)
        stored.result.outcomes = decision.outcomes
        stored.result.baselineLabel = kept.label

        let configuration = try request.configuration(decision.configuration)
        var changes = configuration.settingsDiffering(from: decision.configuration)
        var asked: StoredComparison?
        if request.asksForBaseline {
            let other = try StoredComparison.load(
                reader, candidate: candidate, requested: request.baseline, window: request.window, file: request.file,
                configuration: configuration)
            let shown = other.baseline?.reference ?? .none
            // A baseline file is its content: the same UUID with other samples is another baseline.
            if Set(shown.runs.map(\.uuid)) != Set(kept.runs.map(\.uuid)) || shown.sha256 != kept.sha256 {
                changes.append("against \(shown.label ?? "no baseline") instead of \(kept.label ?? "no baseline")")
            }
            asked = other
        }
        let reevaluation =
            try changes.isEmpty
            ? nil
            : Reevaluation(
                changes: changes,
                comparison: asked
                    ?? StoredComparison.load(
                        reader, candidate: candidate, baseline: decided, configuration: configuration),
                configuration: configuration)
        return StoredVerdict(
            decisions: decisions, stored: stored,
            baselineMissing: !request.asksForBaseline && hadBaseline && decided == nil,
            reevaluation: reevaluation,
            comparison: reevaluation?.comparison ?? stored,
            configuration: reevaluation?.configuration ?? decision.configuration)
    }
}
