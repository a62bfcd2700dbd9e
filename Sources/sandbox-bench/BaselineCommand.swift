import ArgumentParser
import Foundation
import ResultsStore

struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Name runs as baselines to compare later runs with.",
        discussion: """
            A comparison without a named baseline uses the baseline called `default`; when there \
            is none, the latest completed run before the candidate that raised no alert. Only a \
            completed run can be a baseline.
            """,
        subcommands: [Set.self, List.self, Show.self, Remove.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Point a baseline name at a run (default: the latest completed run).")

        @Argument(help: "Baseline name, for example `default` or `before-runc-upgrade`.")
        var name: String

        @Argument(help: ArgumentHelp("Run id (default: the latest completed run).", valueName: "run"))
        var run: Int64?

        @Option(help: ArgumentHelp("Why this run is the reference.", valueName: "text"))
        var note: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("The baseline name must not be empty.") }
        }

        func run() async throws {
            let store = try database.openExisting()
            let runID: Int64
            if let run {
                runID = run
            } else {
                guard let latest = try store.latestCompletedRun() else {
                    throw ValidationError("There is no completed run to make a baseline of; run `sandbox-bench run` first.")
                }
                runID = latest.id
            }
            try store.setBaseline(name: name, run: runID, note: note)
            print("Baseline \"\(name)\" now points at run \(runID).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the baselines.")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let baselines = try database.openIfPresent()?.baselines() ?? []
            if json {
                print(try CommandOutput.json(baselines))
                return
            }
            guard !baselines.isEmpty else {
                print("No baselines yet; name one with `sandbox-bench baseline set NAME [RUN]`.")
                return
            }
            for baseline in baselines {
                print("\(baseline.name)\trun \(baseline.runID)\tset \(CommandOutput.utc(baseline.createdAt))\(baseline.note.map { "\t\($0)" } ?? "")")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a baseline and its run.")

        @Argument(help: "Baseline name.")
        var name: String

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try database.openExisting()
            let baseline = try store.baseline(named: name)
            let run = try store.run(baseline.runID)
            if json {
                struct Shown: Encodable {
                    let baseline: BaselineRecord
                    let run: RunRecord
                }
                print(try CommandOutput.json(Shown(baseline: baseline, run: run)))
                return
            }
            print("baseline  \(baseline.name)")
            print("run       \(run.id) (\(run.status.rawValue), suite \(run.suite), started \(CommandOutput.utc(run.startedAt)))")
            if let label = run.label { print("label     \(label)") }
            if let commit = run.gitCommit { print("commit    \(commit)") }
            print("set       \(CommandOutput.utc(baseline.createdAt))")
            if let note = baseline.note { print("note      \(note)") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a baseline name (the run stays).")

        @Argument(help: "Baseline name.")
        var name: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try database.openExisting().removeBaseline(named: name)
            print("Baseline \"\(name)\" removed.")
        }
    }
}
