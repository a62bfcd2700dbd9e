import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

/// `baseline export` and `baseline import`: a baseline run in one file, so that a CI runner whose
/// database is empty gates against the nightly run (`run --gate --baseline-file FILE`).
extension BaselineCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a baseline run to one self-describing JSON file.",
            discussion: """
                NAME is a baseline name of the testbed (--testbed), a run id, or `latest` (the \
                testbed's latest completed run, taken as `baseline set` without a run takes it: \
                refused when its gate failed or the host was busy; name the run to export it \
                anyway). The file holds the run's identity (UUID, testbed, \
                times, label, commit), its configuration (plan and sandbox profile), its \
                environment, every raw sample with its phases, every summary, check, failure and \
                note, its gate decisions, and the tool version: the format is versioned and \
                documented in docs/regression.md. Only a completed run can be exported. Without \
                -o the file is printed.
                """)

        @Argument(help: ArgumentHelp("A baseline name, a run id, or latest.", valueName: "name"))
        var name: String

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the file here (atomically) instead of printing it.", valueName: "file"))
        var output: String?

        @OptionGroup var testbed: TestbedOption
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try OutputPreflight.requirePath(output, option: "--output")
        }

        func run() async throws {
            var plan = OutputPreflight.Plan()
            plan.keeps(database: database.location)
            plan.writes(file: output, option: "--output")
            try plan.check()
            let file = try await database.withStore(.readOnly) { store in
                try await store.read { [name, testbed = testbed.testbed] reader in
                    let (runID, baselineName) = try Self.run(named: name, testbed: testbed, in: reader)
                    return try reader.baselineFile(run: runID, name: baselineName)
                }
            }
            let json = try file.json()
            guard let output else {
                CommandOutput.data(json, terminator: "")
                return
            }
            try OutputFile.write(json, to: output, option: "--output")
            let run = file.run.run
            CommandOutput.show(
                "Wrote run \(run.id) (\(run.uuid.uuidString.lowercased()), testbed \(TerminalSafe.inline(run.testbed))) to \(TerminalSafe.inline(output))."
            )
        }

        /// The run `name` stands for, and the baseline name when it is one.
        static func run(named name: String, testbed: String, in reader: any ResultsReader) throws -> (Int64, String?) {
            if let id = Int64(name) { return (try reader.run(id).id, nil) }
            if name == "latest" {
                guard
                    let (latest, _) = try BaselineRefusal.defaultRun(
                        testbed: testbed, in: reader, naming: "baseline export RUN")
                else {
                    throw ValidationError(
                        "The testbed \(TerminalSafe.inline(testbed)) has no completed run to export; run `sandbox-bench run` first."
                    )
                }
                return (latest.id, nil)
            }
            guard let baseline = try reader.baseline(named: name, testbed: testbed) else {
                throw StoreError.unknownBaseline(name: name, testbed: testbed)
            }
            return (baseline.runID, name)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Store the run of a baseline file (written by `baseline export`).",
            discussion: """
                Stores the file's run as it is — its UUID, testbed, samples, environment and \
                decisions — and creates the database when there is none. Importing a run that is \
                already stored (the same UUID) changes nothing. --name points a baseline of the \
                run's testbed at it. A file of a newer format version, or one that is malformed, \
                is refused with one line naming what is wrong (exit 2); nothing is stored then.
                """)

        @Argument(help: ArgumentHelp("A baseline file.", valueName: "file"))
        var file: String

        @Option(
            help: ArgumentHelp(
                "Point this baseline name (of the run's testbed) at the imported run.", valueName: "name"))
        var name: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let name {
                do {
                    try BaselineName.validateGiven(name)
                } catch {
                    throw ValidationError("--name: \(error.description)")
                }
            }
        }

        func run() async throws {
            let baseline = try BaselineFile.read(path: file)
            let run = baseline.run.run
            try await database.withStore(.createIfMissing) { store in
                let outcome = try await store.importRun(baseline.run)
                let identity = "\(run.uuid.uuidString.lowercased()), testbed \(TerminalSafe.inline(run.testbed))"
                switch outcome {
                case .stored(let id):
                    CommandOutput.show("Stored the run of \(TerminalSafe.inline(file)) as run \(id) (\(identity)).")
                case .alreadyPresent(let id):
                    CommandOutput.show(
                        "The run of \(TerminalSafe.inline(file)) is already stored as run \(id) (\(identity)); nothing was written."
                    )
                }
                if let name {
                    try await store.setBaseline(
                        name: name, run: outcome.id,
                        note: "imported from \(URL(fileURLWithPath: file).lastPathComponent)")
                    CommandOutput.show(
                        "Baseline \"\(TerminalSafe.inline(name))\" of the testbed \(TerminalSafe.inline(run.testbed)) now points at run \(outcome.id)."
                    )
                }
            }
        }
    }
}
