import BenchModel
import Regression

/// A gated run without an alert whose verdict could not pass: a rule's metric is missing.
package struct MissingMetricError: CategorizedError, Sendable, Equatable {
    package let run: Int64
    package let side: RuleOutcome.Side
    package let metrics: [MetricID]
    package let baseline: String

    package init(run: Int64, side: RuleOutcome.Side, metrics: [MetricID], baseline: String) {
        self.run = run
        self.side = side
        self.metrics = metrics
        self.baseline = baseline
    }

    /// The run lacking a metric is a suite failure (it lost what it measured); a baseline lacking
    /// one is bad input (that baseline cannot serve).
    package var kind: FailureKind { side == .candidate ? .suiteFailure : .badInput }

    package var description: String {
        let names = Set(metrics.map(\.rawValue)).sorted().joined(separator: ", ")
        switch side {
        case .candidate:
            return "Run \(run) cannot pass the gate: \(names) missing from it though its suite planned them."
        case .baseline:
            return
                "Run \(run) cannot be judged against \(TerminalSafe.inline(baseline)): \(names) missing from that "
                + "baseline."
        }
    }
}
