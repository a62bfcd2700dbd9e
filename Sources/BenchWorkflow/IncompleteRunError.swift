import BenchModel
import ResultsStore

/// A gated run that did not complete and raised no alert: it has no valid measurement to pass with.
package struct IncompleteRunError: CategorizedError, Sendable {
    package let run: RunRecord

    package init(run: RunRecord) {
        self.run = run
    }

    package var kind: FailureKind { .suiteFailure }

    package var description: String {
        let reason = run.reason.map { " (\(TerminalSafe.inline($0)))" } ?? ""
        return
            "Run \(run.id) \(run.status.rawValue)\(reason): the rules that need no baseline raised no alert, but a "
            + "run that did not complete cannot pass the gate."
    }
}
