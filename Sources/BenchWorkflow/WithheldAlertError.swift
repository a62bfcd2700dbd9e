import BenchModel
import Regression

/// A gated run whose only alerts were withheld: relative rules fired on specs measured while the
/// host was busy with other work, so the change may be the host's. Neither a regression (1) nor
/// a pass (0): an environment the run could not measure in (3), to be measured again when quiet.
package struct WithheldAlertError: CategorizedError, Sendable, Equatable {
    package let run: Int64
    package let metrics: [MetricID]

    /// Nil when nothing was withheld.
    package init?(run: Int64, outcomes: [RuleOutcome]) {
        guard !outcomes.isEmpty else { return nil }
        self.run = run
        metrics = outcomes.map(\.metric)
    }

    package var kind: FailureKind { .environment }

    package var description: String {
        let names = Set(metrics.map(\.rawValue)).sorted().joined(separator: ", ")
        return "Run \(run)'s alert on \(names) was withheld: the host was busy with other work while it was measured, "
            + "so the change may be the host's, not the sandbox's."
    }
}
