import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// `copy` of a run the target holds already brings the decisions made since, and says so; a run
/// gated in the target too is named, its decisions left as they are, and the copy exits 2.
@Suite struct CopyDecisionsEndToEndTests {
    @Test func aLaterFailedGateReachesTheTargetAndIsSaid() async throws {
        let host = try CommandLine()
        let fleet = try CommandLine()
        defer { host.remove() }
        defer { fleet.remove() }
        try await VerdictFixtures.write(host) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
        }
        let copy = ["copy", "--from", host.database, "--to", fleet.database]
        let first = try await host.run(copy)
        #expect(first.exitCode == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasPrefix("Copied 2 runs "), "\(first.stdout)")

        #expect(try await host.run(["gate", "2", "--baseline", "1"]).exitCode == 1)
        let second = try await host.run(copy)
        #expect(second.exitCode == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.hasPrefix("Copied 0 runs "), "\(second.stdout)")
        #expect(
            second.stdout.contains("(2 already there); added 1 later decision of run 2 (the latest alert)."),
            "\(second.stdout)")
        // The fleet's plain gate follows the decision's baseline, and fails as the host's did.
        let gate = try await fleet.run(["gate", "2"])
        #expect(gate.exitCode == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.contains("It replaces the decision of "), "\(gate.stdout)")
        let again = try await host.run(copy)
        #expect(!again.stdout.contains("later decision"), "\(again.stdout)")

        // Decisions made in both: the target's are kept, the run is named, exit 2.
        #expect(try await host.run(["gate", "2", "--baseline", "1"]).exitCode == 1)
        let diverged = try await host.run(copy)
        #expect(diverged.exitCode == 2, "\(diverged.stdout)\(diverged.stderr)")
        #expect(diverged.stdout.hasPrefix("Copied 0 runs "))
        #expect(diverged.errorLines.count == 1, "\(diverged.stderr)")
        #expect(diverged.stderr.contains("The target holds decisions the source does not — run 2 there ("))
        #expect(diverged.stderr.contains("runs delete ID"))
        let store = try await fleet.store()
        #expect(try await store.decisions(run: 2).count == 2)
        await store.close()
    }
}
