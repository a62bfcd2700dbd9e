import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

@testable import SQLiteStore

/// A key twice in one JSON object is read one way by Foundation (the first) and another by jq,
/// Python and Go (the last). Every JSON input of the built binary refuses it, naming the file and
/// the key's path; each case is checked against the same input without the duplicate, which
/// the binary reads (so that the refusal is the duplicate's, not anything else's).
@Suite struct DuplicateKeyEndToEndTests {
    /// A run at 0.40 s per creation (1) and one at 0.60 s (2): +50 %, an alert under the default 20 %.
    private static func slowdown(_ cli: CommandLine) async throws {
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
        }
    }

    private static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `"user"` twice: a reader that keeps the first would run as uid 0 while `profile show`, jq and
    /// a reviewer see the second, so the profile is refused.
    @Test func aProfileWithAKeyTwiceIsRefusedBeforeAnythingIsMeasured() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let twice = cli.directory.file("A.json")
        try Self.write(#"{"memory": "512m", "user": "0:0", "user": "1000:1000"}"#, twice)
        let good = cli.directory.file("B.json")
        try Self.write(#"{"memory": "512m", "user": "1000:1000"}"#, good)
        for arguments in [[twice, good], [good, twice]] {
            let outcome = try await cli.run(
                ["ab"] + arguments + ["--suite", "quick", "--spec", "creation", "--budget", "1"])
            #expect(outcome.exitCode == 2, "\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
            #expect(
                outcome.stderr.contains(
                    "The sandbox profile \(twice) is invalid at \"user\": the key appears twice in one object"),
                "\(outcome.stderr)")
        }
        // Refused before the store is opened: nothing measured, nothing stored.
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    /// The engine reads a seccomp profile with Go's reader, which keeps the last of two equal keys.
    @Test func aSeccompProfileWithAKeyTwiceIsRefused() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let file = cli.directory.file("seccomp.json")
        try Self.write(#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": []}"#, file)
        #expect(try await cli.run(["profile", "show", "--seccomp-profile", file]).exitCode == 0)
        try Self.write(#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultAction": "SCMP_ACT_ALLOW"}"#, file)
        for arguments in [
            ["profile", "show", "--seccomp-profile", file],
            ["run", "--suite", "quick", "--spec", "creation", "--seccomp-profile", file],
        ] {
            let outcome = try await cli.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(
                outcome.stderr.contains(
                    "The seccomp profile \(file) is invalid at \"defaultAction\": the key appears twice"),
                "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    /// A sample's `value` twice (99.0 first, the real 0.40 after) made the gate pass a +50 % run.
    @Test func aBaselineFileWithAValueTwiceIsRefused() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await Self.slowdown(cli)
        let file = cli.directory.file("nightly.json")
        #expect(try await cli.run(["baseline", "export", "1", "-o", file]).exitCode == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let specs = try #require(text.range(of: "\"specs\""))
        let value = try #require(text.range(of: "\"value\" : ", range: specs.upperBound..<text.endIndex))
        var twice = text
        twice.insert(contentsOf: "\"value\" : 99.0,\n", at: value.lowerBound)
        try Self.write(twice, file)
        let fresh = try CommandLine()
        defer { fresh.remove() }
        for (runner, arguments) in [
            (cli, ["gate", "2", "--baseline-file", file]), (cli, ["diff", "--baseline-file", file, "2"]),
            (fresh, ["baseline", "import", file]),
        ] {
            let outcome = try await runner.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(
                outcome.stderr.contains(
                    "The baseline file \(file) is invalid at \"specs[0].samples[0].value\": the key appears twice"),
                "\(outcome.stderr)")
        }
        #expect(try await cli.store().decisions(run: 2).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fresh.database))
        // Without the duplicate, the file's baseline catches the slowdown.
        try Self.write(text, file)
        let honest = try await cli.run(["gate", "2", "--baseline-file", file])
        #expect(honest.exitCode == 1, "\(honest.stdout)\(honest.stderr)")
    }

    /// `maxCreationSlowdown` twice (1000 %, then 20 %) passed a +330 % creation.
    @Test func aConfigurationWithAThresholdTwiceIsRefused() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await Self.slowdown(cli)
        let config = cli.directory.file("regression.json")
        try Self.write(#"{"maxCreationSlowdown": "1000%", "maxCreationSlowdown": "20%"}"#, config)
        for arguments in [
            ["gate", "2", "--baseline", "1", "--config", config], ["diff", "1", "2", "--config", config],
        ] {
            let outcome = try await cli.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(
                outcome.stderr.contains(
                    "The configuration file \(config) is invalid at \"maxCreationSlowdown\": the key appears twice"),
                "\(outcome.stderr)")
        }
        #expect(try await cli.store().decisions(run: 2).isEmpty)
        try Self.write(#"{"maxCreationSlowdown": "20%"}"#, config)
        let honest = try await cli.run(["gate", "2", "--baseline", "1", "--config", config])
        #expect(honest.exitCode == 1, "\(honest.stdout)\(honest.stderr)")
    }

    /// The tool never writes a key twice: a stored configuration with one was changed outside it,
    /// and the database is refused as damaged (exit 3) by every command that reads the run.
    @Test func aDatabaseWhoseStoredConfigurationHasAKeyTwiceIsRefusedOnRead() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await Self.slowdown(cli)
        // Changed behind the tool's back, as a hand edit or another program would.
        try SQLiteConnection(path: cli.database, create: false).executeScript(
            #"UPDATE runs SET configuration = '{"cpuCount": 2, "profile": {"user": "1000:1000", "user": "0:0"}}' "#
                + "WHERE id = 2")
        #expect(try await cli.run(["runs", "show", "1"]).exitCode == 0)
        for arguments in [["runs", "show", "2"], ["gate", "2", "--baseline", "1"], ["export", "--run", "2"]] {
            let outcome = try await cli.run(arguments)
            #expect(outcome.exitCode == 3, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(
                outcome.stderr.contains(
                    "is damaged (configuration of run 2 does not hold JSON as sandbox-bench writes it: "
                        + "the key \"profile.user\" appears twice in one object, so it was changed outside"),
                "\(outcome.stderr)")
        }
    }
}
