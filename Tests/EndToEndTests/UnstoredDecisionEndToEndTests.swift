import Foundation
import Testing

/// An alert is news whatever else is wrong: a gate that found one and cannot store its decision
/// exits 1, says the alert, and says that the stored verdict is still the one before it. And a
/// run whose gate failed is not made the default baseline without being named.
@Suite struct UnstoredDecisionEndToEndTests {
    @Test func aGateWithAnAlertWhoseDecisionCannotBeStoredExitsOneAndSaysSo() async throws {
        let cli = try CommandLine()
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
        #expect(strict.stdout.contains("Gate FAILED: run 2 vs run 1, 1 alert(s)."))
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
}
