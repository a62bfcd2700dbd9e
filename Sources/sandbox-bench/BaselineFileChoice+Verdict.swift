import BenchModel
import BenchWorkflow
import ResultsStore

extension BaselineFileChoice {
    /// The file's run's own verdict — the latest standing decision the file carries — when it
    /// did not pass: a file exported from a run whose gate failed compares every candidate with
    /// that regression.
    var failedVerdict: DecisionRecord? {
        guard let verdict = file.run.decisions.verdict, !verdict.passed else { return nil }
        return verdict
    }

    /// A baseline file a gate compares with, said out loud first (one line) when its run did not
    /// pass its own gate. Naming a file is naming its run on purpose, as `baseline set NAME RUN`
    /// names a run whose gate failed: it is used, and the warning says what that means, rather than
    /// refused — a user may gate against a known-bad run to see whether a fix holds.
    static func readSayingVerdict(path: String) throws -> BaselineFileChoice {
        let choice = try read(path: path)
        if let verdict = choice.failedVerdict {
            let run = choice.file.run.run
            FailureReport.warn(
                "the baseline file \(TerminalSafe.inline(path)) holds run \(run.id) of the testbed "
                    + "\(TerminalSafe.inline(run.testbed)), whose own verdict is "
                    + "\(verdict.verdict.words(alerts: verdict.alertCount, missing: verdict.missingCount)) "
                    + "(gated \(CommandOutput.utc(verdict.decidedAt))): the candidate is compared with a run that "
                    + "did not pass its gate.")
        }
        return choice
    }
}
