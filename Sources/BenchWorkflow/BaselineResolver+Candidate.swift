import BenchModel
import ResultsStore

extension BaselineResolver {
    /// The run a command judges, and the newer runs it passed over.
    package struct CandidateChoice: Sendable {
        package var run: RunRecord
        /// Main runs newer than `run` that did not complete (failed, aborted, still running),
        /// newest first: `latest` means the latest completed run, and these are said out loud.
        package var newerUnfinished: [RunRecord]
        /// The testbed whose latest run this is, when the run was not named by its id: said by
        /// ``chosen`` so that a shared database never has a command judge a run it did not mean.
        package var latestOf: String?

        package init(run: RunRecord, newerUnfinished: [RunRecord], latestOf: String? = nil) {
            self.run = run
            self.newerUnfinished = newerUnfinished
            self.latestOf = latestOf
        }

        /// "Run 7: the latest completed run of the testbed ci-1." when the run was not named by its
        /// id; nil when it was.
        package var chosen: String? {
            guard let latestOf else { return nil }
            let what = run.status == .completed ? "the latest completed run" : "the latest run (none completed)"
            return "Run \(run.id): \(what) of the testbed \(TerminalSafe.inline(latestOf))."
        }

        /// One line naming the newer runs that did not complete, or nil when there are none:
        /// "Run 8 (failed: …) is newer but did not complete; this is run 7, the latest completed run."
        package var note: String? {
            guard !newerUnfinished.isEmpty else { return nil }
            let shown = newerUnfinished.prefix(3).map { run -> String in
                let state = run.status == .running ? "still running" : run.status.rawValue
                return "\(run.id) (\(state)" + (run.reason.map { ": \(TerminalSafe.inline($0))" } ?? "") + ")"
            }
            let more = newerUnfinished.count > 3 ? " and \(newerUnfinished.count - 3) more" : ""
            let runs = newerUnfinished.count == 1 ? "Run" : "Runs"
            let verb = newerUnfinished.count == 1 ? "is newer but did not" : "are newer but did not"
            return "\(runs) \(shown.joined(separator: ", "))\(more) \(verb) complete; "
                + "this is run \(run.id), the latest completed run."
        }
    }

    /// The candidate: the run `text` names (an id), or, for nil and `latest`, the latest completed
    /// main run of `testbed` with the newer main runs that did not complete. When no run of it
    /// completed yet, its latest main run whatever its status (a failed run is gated too).
    ///
    /// `latest` is always one testbed's — this host's unless another is named — as every run's
    /// baseline is: in a database several hosts write, another host's newer run is never taken
    /// for this one's. A run named by its id may be any testbed's.
    package func choose(_ text: String?, testbed: String = Testbed.defaultName) throws -> CandidateChoice {
        if let text, text != "latest" {
            guard let id = Int64(text) else { throw ComparisonInputError.notARun(text) }
            return CandidateChoice(run: try reader.run(id), newerUnfinished: [])
        }
        guard let latest = try reader.latestMainRun(testbed: testbed) else {
            let others = try reader.testbeds().filter { $0 != testbed }
            if others.isEmpty, try reader.latestMainRun() == nil { throw ComparisonInputError.noRuns }
            throw ComparisonInputError.noRunsOfTestbed(testbed, others: others)
        }
        guard latest.status != .completed,
            let completed = try reader.runs(.completedMainRuns(testbed: testbed, limit: 1)).first
        else { return CandidateChoice(run: latest, newerUnfinished: [], latestOf: testbed) }
        let newer = try reader.runs(RunQuery(testbed: testbed, purposes: [.main], since: completed.startedAt))
            .filter { $0.status != .completed && ($0.startedAt, $0.id) > (completed.startedAt, completed.id) }
        return CandidateChoice(run: completed, newerUnfinished: newer, latestOf: testbed)
    }
}
