import BenchModel
import Foundation
import ResultsStore
import Sandbox
import TestSupport
import Testing

/// Every command with stdout and stderr closed, on a full device, and on a pipe whose reader has
/// gone: no death by a signal, and the exit code it has with working streams — except that output
/// lost to a full device turns a success into exit 3 (documented: the output could not be
/// written), while a closed stream or a reader that went away (`| head`) loses nothing anyone
/// wanted. A command that measures still finishes: its run is stored as completed and no
/// container of it is left.
@Suite struct BrokenStreamsEndToEndTests {
    /// One command of the table: its arguments (given the command line, for paths), what to prepare
    /// in the fresh database and folder every stream setup gets, and the exit code it has with
    /// working streams (so that a command that stopped working fails here too).
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: @Sendable (CommandLine) -> [String]
        let exitCode: Int32
        var prepare: @Sendable (CommandLine) async throws -> Void = { _ in }
        /// A command that measures: it must store a completed run and leave no container.
        var measures = false
        let name: String

        init(
            _ name: String, exitCode: Int32 = 0, measures: Bool = false,
            prepare: @escaping @Sendable (CommandLine) async throws -> Void = { _ in },
            _ arguments: @escaping @Sendable (CommandLine) -> [String]
        ) {
            self.name = name
            self.exitCode = exitCode
            self.measures = measures
            self.prepare = prepare
            self.arguments = arguments
        }

        var testDescription: String { name }
    }

    /// Runs 1 (creation 0.40 s) and 2 (0.60 s, +50 %), run 1 the baseline `default`.
    static func fixtures(_ cli: CommandLine) async throws {
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
            try await $0.store.setBaseline(name: "default", run: 1)
        }
    }

    static func baselineFile(_ cli: CommandLine) -> String { cli.directory.file("nightly.json") }

    static func exportBaseline(_ cli: CommandLine) async throws {
        let exported = try await cli.run(["baseline", "export", "1", "-o", baselineFile(cli)])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
    }

    static func writeProfile(_ cli: CommandLine) throws {
        try #"{"memory": "512m"}"#.write(toFile: cli.directory.file("a.json"), atomically: true, encoding: .utf8)
    }

    static let withoutEngine: [Case] = [
        Case("--help") { _ in ["--help"] },
        Case("gate, a regression", exitCode: 1) { _ in ["gate", "2", "--baseline", "1"] },
        Case("gate, an unknown run", exitCode: 2) { _ in ["gate", "99"] },
        Case("gate --baseline-file", exitCode: 1, prepare: exportBaseline) {
            ["gate", "2", "--baseline-file", baselineFile($0)]
        },
        Case("diff") { _ in ["diff", "1", "2"] },
        Case("report") { ["report", "2", "--out", $0.directory.file("reports")] },
        Case("export") { _ in ["export", "--run", "2"] },
        Case("export --format csv") { _ in ["export", "--from", "1", "--to", "2", "--format", "csv"] },
        Case("runs list") { _ in ["runs", "list"] },
        Case("runs show") { _ in ["runs", "show", "2", "--json"] },
        Case("runs delete") { _ in ["runs", "delete", "2"] },
        Case("baseline set") { _ in ["baseline", "set", "nightly", "2"] },
        Case("baseline list") { _ in ["baseline", "list"] },
        Case("baseline show") { _ in ["baseline", "show", "default"] },
        Case("baseline rm") { _ in ["baseline", "rm", "default"] },
        Case("baseline export") { _ in ["baseline", "export", "1"] },
        Case("baseline import", prepare: exportBaseline) { ["baseline", "import", baselineFile($0)] },
        Case("profile show") { _ in ["profile", "show"] },
        Case("changes") { _ in ["changes"] },
        Case("copy") { ["copy", "--from", $0.database, "--to", $0.directory.file("copy.sqlite")] },
        Case("prune") { _ in ["prune", "--keep-days", "30"] },
        Case("an unknown option", exitCode: 2) { _ in ["runs", "list", "--no-such-option"] },
    ]

    static let measuring: [Case] = [
        Case("run", measures: true) { _ in ["run", "--suite", "quick", "--spec", "creation", "--iterations", "1"] },
        Case("run --gate", measures: true) { _ in
            ["run", "--suite", "quick", "--spec", "creation", "--iterations", "2", "--gate", "--baseline", "1"]
                + ["--max-creation-slowdown", "10000%"]
        },
        Case("ab", measures: true, prepare: writeProfile) { cli in
            let profile = cli.directory.file("a.json")
            return ["ab", profile, profile, "--suite", "quick", "--spec", "creation", "--min-samples", "2"]
                + ["--max-samples", "2", "--max-creation-slowdown", "10000%", "--out", cli.directory.file("ab")]
        },
        Case("doctor") { _ in ["doctor"] },
    ]

    @Test(arguments: withoutEngine) func aCommandThatReadsTheStore(_ command: Case) async throws {
        try await Self.check(command)
    }

    @Test(.needsDockerEngine, .serialized, arguments: measuring)
    func aCommandThatUsesTheEngine(_ command: Case) async throws {
        try await Self.check(command)
    }

    /// Runs `command` with working streams, then with each kind of broken ones, each time on a
    /// fresh copy of the same database.
    static func check(_ command: Case) async throws {
        let normal = try await fresh(command) { cli, arguments in
            let outcome = try await cli.run(arguments)
            return (
                outcome.pid, outcome.exitCode, outcome.signal, !outcome.stdout.isEmpty, outcome.stdout + outcome.stderr
            )
        }
        #expect(normal.exitCode == command.exitCode, "\(command.name): \(normal.output)")
        for streams in BrokenStreams.allCases {
            let broken = try await fresh(command) { cli, arguments in
                let ending = try await cli.binary.run(
                    arguments, streams: streams, environment: cli.environment)
                return (ending.pid, ending.exitCode, ending.signal, false, "")
            }
            let lostOutput = streams == .full && normal.exitCode == 0 && normal.printed
            #expect(broken.signal == nil, "\(command.name), \(streams): ended by signal \(broken.signal ?? 0)")
            #expect(
                broken.exitCode == (lostOutput ? 3 : normal.exitCode),
                "\(command.name), \(streams): exit \(broken.exitCode.map(String.init) ?? "-")")
        }
    }

    /// Prepares a fresh database and folder, runs `body` with the command's arguments, and checks
    /// what a measuring command left: a completed run, every run finished, no container of the process.
    static func fresh(
        _ command: Case,
        _ body: (CommandLine, [String]) async throws -> (
            pid: Int32, exitCode: Int32?, signal: Int32?, printed: Bool, output: String
        )
    ) async throws -> (pid: Int32, exitCode: Int32?, signal: Int32?, printed: Bool, output: String) {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await fixtures(cli)
        try await command.prepare(cli)
        let result = try await body(cli, command.arguments(cli))
        if command.measures {
            let runs = try await cli.store().runs()
            #expect(runs.count > 2, "\(command.name): no run was stored")
            #expect(runs.allSatisfy { $0.status == .completed }, "\(command.name): \(runs.map(\.status))")
            let left = try await RunCommandEndToEndTests.containers(labels: ["\(SandboxLabel.pid)=\(result.pid)"])
            #expect(left.isEmpty, "\(command.name): \(left.count) containers left")
        }
        return result
    }
}
