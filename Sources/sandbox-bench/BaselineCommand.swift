import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore

struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Name runs as baselines to compare later runs with.",
        discussion: """
            A comparison without a named baseline uses the baseline called `default` of the run's \
            testbed; when there is none, the latest completed run of that testbed before the \
            candidate that raised no alert. Only a completed run can be a baseline. Baselines \
            belong to a testbed: `default` on one host is not another host's.

            `export` writes a baseline run to one file and `import` stores it in another database; \
            `gate --baseline-file FILE` and `diff --baseline-file FILE` compare with such a file \
            without importing it (a CI runner's database is empty).
            """,
        subcommands: [Set.self, List.self, Show.self, Remove.self, Export.self, Import.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Point a baseline name at a run (default: the latest completed run).",
            discussion: """
                Without RUN, the testbed's latest completed run, unless its gate failed (an alert or a \
                missing metric): that run is refused (exit 2), since the regression it found would \
                pass the next night; name it (`baseline set NAME RUN`) to make it the reference \
                anyway, which prints a warning. A warning also says when the run was measured on a busy \
                host, or when its creation time lies outside the range of the comparable runs \
                measured around it (up to \(BaselineTypicality.reach) on each side, at least \
                \(BaselineTypicality.minimumNeighbours) in all), at least \
                \(Int(BaselineTypicality.materialOffset * 100)) % from their median: every later \
                night would carry that run's luck.
                """)

        @Argument(help: "Baseline name, for example `default` or `before-runc-upgrade`.")
        var name: String

        @Argument(
            help: ArgumentHelp(
                "Run id (default: the testbed's latest completed run). The baseline belongs to the run's testbed.",
                valueName: "run"), transform: RunID.parse)
        var run: Int64?

        @OptionGroup var testbed: TestbedOption

        @Option(help: ArgumentHelp("Why this run is the reference.", valueName: "text"))
        var note: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            do {
                try BaselineName.validateGiven(name)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            try await database.withStore(.existing) { store in
                let runID: Int64
                let verdict: DecisionRecord?
                if let run {
                    runID = run
                    verdict = try await store.read { try $0.decisions(run: run).verdict }
                } else {
                    let testbed = testbed.testbed
                    guard
                        let (latest, latestVerdict) = try await store.read({
                            try BaselineRefusal.defaultRun(testbed: testbed, in: $0, naming: "baseline set NAME RUN")
                        })
                    else {
                        throw ValidationError(
                            "The testbed \(TerminalSafe.inline(testbed)) has no completed run to make a baseline of; "
                                + "run `sandbox-bench run` first, or name another testbed with --testbed.")
                    }
                    runID = latest.id
                    verdict = latestVerdict
                }
                let busy = try await store.read { try BusyRuns.isBusy(runID, in: $0) }
                try await store.setBaseline(name: BaselineName.normalized(name), run: runID, note: note)
                if busy {
                    FailureReport.warn(
                        "run \(runID) was measured while the host was busy with other work (`runs show \(runID)`): "
                            + "later runs are compared with timings the host slowed.")
                }
                let run = try await store.run(runID)
                CommandOutput.show(
                    "Baseline \"\(TerminalSafe.inline(name))\" of the testbed \(TerminalSafe.inline(run.testbed)) now points at run \(runID)."
                )
                // A warning only: a read that fails here does not undo the baseline just set.
                if let atypical = try? await store.read({ try BaselineTypicality.assess(run, in: $0) }) {
                    FailureReport.warn(
                        "\(atypical.description); a run near the middle of those (`sandbox-bench runs list`) is a "
                            + "steadier reference.")
                }
                if let verdict, !verdict.passed {
                    FailureReport.warn(
                        "run \(runID)'s verdict is \(verdict.verdict.words(alerts: verdict.alertCount, missing: verdict.missingCount)) "
                            + "(gated \(CommandOutput.utc(verdict.decidedAt))): later runs are compared with a run "
                            + "that did not pass its gate.")
                } else if verdict == nil {
                    CommandOutput.show("Run \(runID) was never gated; `sandbox-bench gate \(runID)` judges it.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the baselines.")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var testbed: TestbedOption

        @Flag(help: "List the baselines of every testbed.")
        var allTestbeds = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let every = try await database.withStoreIfPresent(.readOnly) {
                try await $0?.read { try $0.baselines() } ?? []
            }
            let baselines = every.filter { allTestbeds || $0.testbed == testbed.testbed }
            if json {
                CommandOutput.data(try CommandOutput.json(baselines))
                return
            }
            guard !baselines.isEmpty else {
                if every.isEmpty {
                    CommandOutput.show("No baselines yet; name one with `sandbox-bench baseline set NAME [RUN]`.")
                } else {
                    let others = Swift.Set(every.map(\.testbed)).count
                    CommandOutput.show(
                        "No baselines of the testbed \(TerminalSafe.inline(testbed.testbed)); "
                            + "\(ValueFormat.count(others, "other testbed")) \(others == 1 ? "has" : "have") some: --all-testbeds lists them."
                    )
                }
                return
            }
            for baseline in baselines {
                let note = baseline.note.map { "\t" + TerminalSafe.inline($0) } ?? ""
                let on = allTestbeds ? "\t" + TerminalSafe.inline(baseline.testbed) : ""
                CommandOutput.show(
                    "\(TerminalSafe.inline(baseline.name))\(on)\trun \(baseline.runID)\tset \(CommandOutput.utc(baseline.createdAt))\(note)"
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a baseline and its run.")

        @Argument(help: "Baseline name.")
        var name: String

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var testbed: TestbedOption

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore(.readOnly) { store in
                let testbed = testbed.testbed
                let (baseline, run) = try await store.read { [name] reader in
                    guard let baseline = try reader.baseline(named: name, testbed: testbed) else {
                        throw StoreError.unknownBaseline(name: name, testbed: testbed)
                    }
                    return (baseline, try reader.run(baseline.runID))
                }
                if json {
                    struct Shown: Encodable {
                        let baseline: BaselineRecord
                        let run: RunRecord
                    }
                    CommandOutput.data(try CommandOutput.json(Shown(baseline: baseline, run: run)))
                    return
                }
                CommandOutput.show("baseline  \(TerminalSafe.inline(baseline.name))")
                CommandOutput.show(
                    "run       \(run.id) (\(run.status.rawValue), suite \(run.suite), started \(CommandOutput.utc(run.startedAt)))"
                )
                if let label = run.label { CommandOutput.show("label     \(TerminalSafe.inline(label))") }
                if let commit = run.gitCommit { CommandOutput.show("commit    \(TerminalSafe.inline(commit))") }
                CommandOutput.show("set       \(CommandOutput.utc(baseline.createdAt))")
                if let note = baseline.note { CommandOutput.show("note      \(TerminalSafe.inline(note))") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove a baseline name (the run stays).")

        @Argument(help: "Baseline name.")
        var name: String

        @OptionGroup var testbed: TestbedOption

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore(.existing) {
                try await $0.removeBaseline(named: name, testbed: testbed.testbed)
            }
            CommandOutput.show("Baseline \"\(TerminalSafe.inline(name))\" removed.")
        }
    }
}

/// Why `baseline set` without a run, and `baseline export latest`, refuse the latest completed
/// run (exit 2): both take the run a default baseline would be, or none.
enum BaselineRefusal: CategorizedError {
    case latestFailedItsGate(run: Int64, verdict: DecisionRecord, naming: String)
    case latestWasBusy(run: Int64, naming: String)

    var kind: FailureKind { .badInput }

    /// The testbed's latest completed run, with its verdict, when it can be a baseline without
    /// being named: not when its gate failed — the regression it found would pass the next night —,
    /// nor when it was measured on a busy host — every later run would look faster than it is
    /// (``BusyRuns``). Nil when the testbed has no completed run. `naming` is the command that
    /// names a run on purpose, for the refusal's words.
    static func defaultRun(testbed: String, in reader: any ResultsReader, naming: String) throws -> (
        RunRecord, DecisionRecord?
    )? {
        guard let latest = try reader.runs(.completedMainRuns(testbed: testbed, limit: 1)).first else { return nil }
        let verdict = try reader.decisions(run: latest.id).verdict
        if let verdict, !verdict.passed {
            throw latestFailedItsGate(run: latest.id, verdict: verdict, naming: naming)
        }
        if try BusyRuns.isBusy(latest.id, in: reader) { throw latestWasBusy(run: latest.id, naming: naming) }
        return (latest, verdict)
    }

    var description: String {
        switch self {
        case .latestFailedItsGate(let run, let verdict, let naming):
            return "Run \(run), the latest completed run, did not pass its gate ("
                + "\(verdict.verdict.words(alerts: verdict.alertCount, missing: verdict.missingCount)), "
                + "\(CommandOutput.utc(verdict.decidedAt))), so it is not taken as a baseline by default; name a "
                + "good run (`sandbox-bench \(naming)`, `runs list` shows them), or name run \(run) "
                + "to use it anyway."
        case .latestWasBusy(let run, let naming):
            return "Run \(run), the latest completed run, was measured while the host was busy with other work, so it "
                + "is not taken as a baseline by default; name a run measured on a quiet host "
                + "(`sandbox-bench \(naming)`), or name run \(run) to use it anyway."
        }
    }
}
