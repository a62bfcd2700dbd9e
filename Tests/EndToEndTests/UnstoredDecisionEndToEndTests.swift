import Foundation
import Testing

/// An alert is news whatever else is wrong: a gate that found one and cannot store its decision
/// exits 1, says the alert, and says that the stored verdict is still the one before it. And a
/// run whose gate failed is not made the default baseline without being named.
@Suite struct UnstoredDecisionEndToEndTests {
    @Test func aGateWithAnAlertWhoseDecisionCannotBeStoredExitsOneAndSaysSo() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.20)
            try await $0.run(creation: 0.60)
        }
        let lax = try await cli.run(["gate", "2", "--baseline", "1", "--max-creation-slowdown", "1000%"])
        #expect(lax.exitCode == 0, "\(lax.stderr)")
        // The user's own index (allowed) that refuses a second decision of one run.
        try StoreIntegrityEndToEndTests.execute(
            "CREATE UNIQUE INDEX my_one_decision ON decisions(run_id)", on: cli.database)
        let strict = try await cli.run(["gate", "2", "--baseline", "1"])
        #expect(strict.exitCode == 1, "\(strict.stderr)")
        #expect(strict.stdout.contains("ALERT creation-slowdown"))
        #expect(strict.stdout.contains("Gate FAILED: run 2 vs run 1, 1 alert."))
        #expect(strict.stdout.contains("The decision was NOT stored ("))
        #expect(strict.stdout.contains("run 2's stored verdict is still the decision of"))
        #expect(strict.stdout.contains("(passed), not this one"))
        #expect(strict.stderr.contains("The decision was NOT stored"))
        #expect(!strict.stdout.contains("Decision stored with run 2"))
        // Without an alert, nothing outranks the database's failure: exit 3.
        let passing = try await cli.run(["gate", "2", "--baseline", "1", "--max-creation-slowdown", "1000%"])
        #expect(passing.exitCode == 3, "\(passing.stderr)")
    }

    @Test func baselineSetWithoutARunRefusesALatestRunWhoseGateFailed() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.20)
            try await $0.run(creation: 0.60)
        }
        #expect(try await cli.run(["gate", "2", "--baseline", "1"]).exitCode == 1)
        let refused = try await cli.run(["baseline", "set", "default"])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("Run 2, the latest completed run, did not pass its gate (failed, 1 alert"))
        #expect(try await cli.run(["baseline", "list"]).stdout.contains("default") == false)
        // Named on purpose: taken, with a warning.
        let named = try await cli.run(["baseline", "set", "default", "2"])
        #expect(named.exitCode == 0, "\(named.stderr)")
        #expect(named.stderr.contains("later runs are compared with a run that did not pass its gate"))
    }

    /// `baseline export latest` takes the run `baseline set` without a run would take, or refuses
    /// it the same way; a file of a run whose gate failed is said out loud by the gate that uses it.
    @Test func exportLatestRefusesARunWhoseGateFailedAndAGateSaysSuchAFile() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.20)
            try await $0.run(creation: 0.60)
        }
        #expect(try await cli.run(["gate", "2", "--baseline", "1"]).exitCode == 1)
        let bundle = cli.directory.file("nightly.json")
        let refused = try await cli.run(["baseline", "export", "latest", "-o", bundle])
        #expect(refused.exitCode == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.errorLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("Run 2, the latest completed run, did not pass its gate (failed, 1 alert"))
        #expect(refused.stderr.contains("`sandbox-bench baseline export RUN`"))
        #expect(!FileManager.default.fileExists(atPath: bundle))
        // Named on purpose: written; a gate that compares with it says first whose verdict it carries.
        #expect(try await cli.run(["baseline", "export", "2", "-o", bundle]).exitCode == 0)
        let ci = try CommandLine()
        defer { ci.remove() }
        try await VerdictFixtures.write(ci) { try await $0.run(creation: 0.59) }
        let gate = try await ci.run(["gate", "1", "--baseline-file", bundle])
        #expect(gate.exitCode == 0, "\(gate.stdout)\(gate.stderr)")
        let warning = try #require(gate.stderr.split(separator: "\n").first)
        #expect(warning.contains("holds run 2 of the testbed"), "\(gate.stderr)")
        #expect(warning.contains("whose own verdict is failed, 1 alert"), "\(gate.stderr)")
        #expect(warning.contains("compared with a run that did not pass its gate"), "\(gate.stderr)")
    }
}
