import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// A database several testbeds write: a command that takes "the latest run" without a run id
/// takes this host's testbed's (or the one `--testbed` names) and says which; a baseline file of
/// another testbed is a one-off unless `--standing` makes it the verdict.
@Suite struct SharedDatabaseEndToEndTests {
    /// This host's runs 1 (fast) and 2 (slow), then a newer, clean run 3 of the testbed `host-b`.
    static func sharedDatabase(_ cli: CommandLine) async throws {
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
            try await $0.run(creation: 0.40, testbed: "host-b")
        }
        #expect(try await cli.run(["baseline", "set", "default", "1"]).exitCode == 0)
    }

    @Test func theLatestRunIsThisHostsTestbedsInEveryCommand() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await Self.sharedDatabase(cli)
        let chosen = "Run 2: the latest completed run of the testbed \(Testbed.defaultName).\n"

        let gate = try await cli.run(["gate"])
        #expect(gate.exitCode == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.hasPrefix(chosen), "\(gate.stdout)")
        #expect(gate.stdout.contains("Gate FAILED: run 2 vs baseline \"default\" (run 1)"), "\(gate.stdout)")
        let latest = try await cli.run(["gate", "latest"])
        #expect(latest.exitCode == 1)
        #expect(latest.stdout.hasPrefix(chosen))
        let diff = try await cli.run(["diff"])
        #expect(diff.stdout.hasPrefix(chosen), "\(diff.stdout)")
        let report = try await cli.run(["report", "--out", cli.directory.file("Reports"), "--format", "markdown"])
        #expect(report.stdout.contains("run-2.md"), "\(report.stdout)")
        #expect(!report.stdout.contains("run-3.md"))
        // The testbed's latest run, 2, has just failed its gate: `export latest` refuses it as `baseline set`
        // would, naming it — it never falls back to another testbed's newer run 3.
        let export = try await cli.run(["baseline", "export", "latest", "-o", cli.directory.file("latest.json")])
        #expect(export.exitCode == 2, "\(export.stdout)\(export.stderr)")
        #expect(export.stderr.contains("Run 2,"), "\(export.stderr)")
        #expect(!export.stderr.contains("Run 3"), "\(export.stderr)")

        // Another testbed's latest is taken only when named, and then said.
        let other = try await cli.run(["gate", "--testbed", "host-b"])
        #expect(other.stdout.hasPrefix("Run 3: the latest completed run of the testbed host-b.\n"), "\(other.stdout)")
        // A run named by id is not restricted, and no line says how it was taken.
        let named = try await cli.run(["gate", "3"])
        #expect(!named.stdout.hasPrefix("Run 3:"), "\(named.stdout)")
    }

    @Test func aDatabaseWithoutThisHostsRunsNamesTheTestbedsItHolds() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40, testbed: "host-b") }
        for command in [["gate"], ["diff"], ["report", "--out", cli.directory.file("Reports")]] {
            let result = try await cli.run(command)
            #expect(result.exitCode == 2, "\(command): \(result.stdout)\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "There are no runs of the testbed \"\(Testbed.defaultName)\" yet; the database holds runs of the "
                        + "testbed host-b."), "\(result.stderr)")
            #expect(result.stderr.contains("--testbed NAME"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    /// `gate 2 --baseline-file F` of another testbed's file: a one-off, whatever it concludes. Its
    /// verdict stays the failed one, a plain re-gate fails again, `baseline set default` refuses the
    /// run, the fleet counts the alert; `--standing` makes the file the verdict.
    @Test func aBaselineFileOfAnotherTestbedIsAOneOff() async throws {
        let cli = try CommandLine()
        let other = try CommandLine()
        defer { cli.remove() }
        defer { other.remove() }
        try await Self.sharedDatabase(cli)
        try await VerdictFixtures.write(other) { try await $0.run(creation: 0.90, testbed: "slow-host") }
        let file = other.directory.file("slow-host.json")
        #expect(try await other.run(["baseline", "export", "1", "-o", file]).exitCode == 0)

        #expect(try await cli.run(["gate", "2"]).exitCode == 1)
        let oneOff = try await cli.run(["gate", "2", "--baseline-file", file])
        #expect(oneOff.exitCode == 0, "\(oneOff.stdout)\(oneOff.stderr)")
        #expect(
            oneOff.stdout.contains(
                "One-off decision stored with run 2 (a comparison with a baseline file of the testbed "
                    + "slow-host, not \(Testbed.defaultName))"), "\(oneOff.stdout)")
        #expect(oneOff.stdout.contains("its verdict stays the decision of "))
        let again = try await cli.run(["gate", "2"])
        #expect(again.exitCode == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("Gate FAILED: run 2 vs baseline \"default\" (run 1)"))
        let set = try await cli.run(["baseline", "set", "candidate"])
        #expect(set.exitCode == 2, "\(set.stdout)\(set.stderr)")
        let fleet = cli.directory.file("fleet")
        #expect(try await cli.run(["report", "--fleet", "--out", fleet, "--format", "json"]).exitCode == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fleet + "/fleet.json")))
                as? [String: Any])
        let testbeds = try #require(json["testbeds"] as? [[String: Any]])
        let mine = try #require(testbeds.first { $0["testbed"] as? String == Testbed.defaultName })
        #expect((mine["verdict"] as? [String: Any])?["kind"] as? String == "alert", "\(mine)")

        let standing = try await cli.run(["gate", "2", "--baseline-file", file, "--standing"])
        #expect(standing.exitCode == 0, "\(standing.stdout)\(standing.stderr)")
        #expect(standing.stdout.contains("It replaces the decision of "), "\(standing.stdout)")
        let follows = try await cli.run(["gate", "2"])
        #expect(follows.exitCode == 0, "\(follows.stdout)\(follows.stderr)")
        #expect(follows.stdout.contains("vs file slow-host.json"), "\(follows.stdout)")
        let without = try await cli.run(["gate", "2", "--standing"])
        #expect(without.exitCode == 2)
    }

    /// On an empty CI database, a one-off against another testbed's file is not followed by a
    /// plain gate comparing with nothing: it refuses (exit 2), and stores nothing.
    @Test func aPlainGateAfterOnlyOneOffsRefusesRatherThanCompareWithNothing() async throws {
        let ci = try CommandLine()
        let nightly = try CommandLine()
        defer { ci.remove() }
        defer { nightly.remove() }
        try await VerdictFixtures.write(nightly) { try await $0.run(creation: 0.40, testbed: "nightly") }
        let file = nightly.directory.file("nightly.json")
        #expect(try await nightly.run(["baseline", "export", "1", "-o", file]).exitCode == 0)
        try await VerdictFixtures.write(ci) { try await $0.run(creation: 0.60) }

        let first = try await ci.run(["gate", "--baseline-file", file])
        #expect(first.exitCode == 1, "\(first.stdout)\(first.stderr)")
        let plain = try await ci.run(["gate"])
        #expect(plain.exitCode == 2, "\(plain.stdout)\(plain.stderr)")
        #expect(plain.stderr.contains("Run 1 was judged only in one-off comparisons"), "\(plain.stderr)")
        #expect(plain.stderr.split(separator: "\n").count == 1)
        let store = try await ci.store()
        #expect(try await store.decisions(run: 1).map(\.standing) == [false])
        await store.close()
    }
}
