import BenchModel
import Foundation
import Migrations
import PostgresMigrations
import StoreTestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore
@testable import SQLiteStore

/// A decision deleted or moved with raw SQL, on a real SQLite file and a real PostgreSQL server:
/// the run's chain (`DecisionChain`) no longer matches its head, and every read of its decisions,
/// and every decision added to it, is refused as damage (exit 3) naming the run.
@Suite(.temporaryDatabases) struct DecisionChainStoreTests {
    /// Three decisions of one run — passed, alert, alert — and one of another run.
    static func scene(_ database: TestDatabase) async throws -> (store: any ResultsStore, run: Int64, other: Int64) {
        let (store, base, other, run, reference) = try await DecisionSealTests.runs(database)
        for (index, verdict) in [GateVerdict.passed, .alert, .alert].enumerated() {
            _ = try await store.recordDecision(
                DecisionRecord(
                    runID: run, decidedAt: date("2025-03-02T0\(index + 3):00:00.000Z"), toolVersion: "1.0",
                    verdict: verdict, alertCount: verdict == .alert ? 1 : 0, baseline: reference,
                    document: #"{"n":\#(index)}"#),
                alerts: verdict == .alert ? [AlertTests.alert("creation-slowdown", baseline: base)] : [])
        }
        _ = try await store.recordDecision(
            DecisionRecord(
                runID: other, decidedAt: date("2025-03-01T15:00:00.000Z"), toolVersion: "1.0", verdict: .passed,
                alertCount: 0, baseline: reference, document: "{}"),
            alerts: [])
        return (store, run, other)
    }

    static func expectDamage(_ store: any ResultsStore, run: Int64, saying words: String) async {
        let error = await #expect(throws: StoreError.self) { _ = try await store.decisions(run: run) }
        guard case .damaged(_, let message) = error else {
            Issue.record("expected damage, got \(String(describing: error))")
            return
        }
        #expect(message.contains("run \(run)"), "\(message)")
        #expect(message.contains(words), "\(message)")
        #expect(error?.kind == .environment)
        #expect(error?.description.contains("restore it from a backup") == true)
        await #expect(throws: StoreError.self) { _ = try await store.read { try $0.latestDecisions(runs: [run]) } }
        // `runs list` counts alerts from them: it says so rather than count what is left.
        await #expect(throws: StoreError.self) { _ = try await store.read { try $0.overviews() } }
        // No decision is added after the gap: that would seal it as if sandbox-bench had made it.
        await #expect(throws: StoreError.self) {
            _ = try await store.recordDecision(
                DecisionRecord(
                    runID: run, decidedAt: Date(), toolVersion: "1.0", verdict: .passed, alertCount: 0,
                    baseline: .none, document: "{}"),
                alerts: [])
        }
    }

    @Test(arguments: StoreBackend.all) func theChainAsStoredReadsBack(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, other) = try await Self.scene(database)
        #expect(try await store.decisions(run: run).map(\.verdict) == [.passed, .alert, .alert])
        #expect(try await store.read { try $0.latestDecisions(runs: [run, other]) }[run]?.verdict == .alert)
        #expect(try await database.count("SELECT decision_count FROM runs WHERE id = $1", [.int(run)]) == 3)
        #expect(try await database.count("SELECT count(*) FROM decisions WHERE previous_id IS NULL") == 2)
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func theLatestDeletedIsDamage(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, _) = try await Self.scene(database)
        try await database.execute(
            "DELETE FROM decisions WHERE id = (SELECT max(id) FROM decisions WHERE run_id = $1)", [.int(run)])
        await Self.expectDamage(store, run: run, saying: "holds 2 of the 3 decision(s) its head counts")
        // The count set to match by hand: the head's digest still tells.
        try await database.execute("UPDATE runs SET decision_count = 2 WHERE id = $1", [.int(run)])
        await Self.expectDamage(store, run: run, saying: "not those its head seals")
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func oneInTheMiddleDeletedIsDamage(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, _) = try await Self.scene(database)
        let ids = try await store.decisions(run: run).compactMap(\.id)
        try await database.execute("DELETE FROM decisions WHERE id = $1", [.int(ids[1])])
        await Self.expectDamage(
            store, run: run, saying: "decision \(ids[2]) of run \(run) follows decision \(ids[1])")
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func allDeletedIsDamageNotUngated(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, _) = try await Self.scene(database)
        try await database.execute("DELETE FROM decisions WHERE run_id = $1", [.int(run)])
        await Self.expectDamage(store, run: run, saying: "holds 0 of the 3 decision(s)")
        try await database.execute(
            "UPDATE runs SET decision_count = 0, decision_head = NULL WHERE id = $1", [.int(run)])
        await Self.expectDamage(store, run: run, saying: "has no head")
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func aDecisionMovedToAnotherRunIsDamageInBoth(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, other) = try await Self.scene(database)
        try await database.execute(
            "UPDATE decisions SET run_id = $1 WHERE id = (SELECT max(id) FROM decisions WHERE run_id = $2)",
            [.int(other), .int(run)])
        await Self.expectDamage(store, run: run, saying: "holds 2 of the 3")
        await Self.expectDamage(store, run: other, saying: "of run \(other) follows decision")
        await store.close()
    }

    /// Version 8 on a database that holds decisions: each run's are chained in the order of their
    /// ids — unsealed ones (stored before version 6) and sealed ones alike — and every run gets its
    /// head; from then on a deleted one is damage, and a new one follows the latest.
    @Test(arguments: StoreBackend.all) func migrationChainsTheDecisionsADatabaseHeld(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        switch backend {
        case .sqlite:
            try await SQLiteResultsStore.open(
                path: database.path, mode: .createIfMissing,
                migrator: SchemaMigrator(migrations: Array(SchemaMigrations.all.prefix(7)))
            ).close()
        case .postgresql:
            try await PostgresResultsStore.open(
                try PostgresTestServer.location(database.location), mode: .createIfMissing,
                migrator: SchemaMigrator(migrations: Array(PostgresSchemaMigrations.all.prefix(7)))
            ).close()
        }
        var runs: [Int64] = []
        for index in 0..<3 {
            try await database.execute(
                """
                INSERT INTO runs (uuid, testbed, started_at, ended_at, status, suite, tool_version, host, pid,
                                  process_start)
                VALUES ($1, 'h', '2025-03-0\(index + 1)T02:00:00.000Z', '2025-03-0\(index + 1)T03:00:00.000Z',
                        'completed', 'quick', '0.1.0', 'h', 1, '')
                """, [.text(UUID().uuidString.lowercased())])
            runs.append(Int64(try await database.count("SELECT max(id) FROM runs")))
        }
        // Run 2's three decisions as versions 5 to 7 stored them: the first unsealed, the others
        // sealed by their content alone; interleaved with one of run 3, so that ids are not consecutive.
        for (index, run) in [runs[1], runs[2], runs[1], runs[1]].enumerated() {
            let decision = DecisionRecord(
                runID: run, decidedAt: date("2025-03-04T0\(index):00:00.000Z"), toolVersion: "0.9", verdict: .passed,
                alertCount: 0, baseline: .none, document: #"{"n":\#(index)}"#)
            // Times as literals: PostgreSQL takes no text parameter for a timestamptz column.
            let digest = index == 0 ? "NULL" : "'\(DecisionSeal.contentDigest(of: decision))'"
            try await database.execute(
                """
                INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind,
                                       baseline_runs, document, digest)
                VALUES ($1, '2025-03-04T0\(index):00:00.000Z', '0.9', 'passed', 0, 'none', '[]', $2, \(digest))
                """, [.int(run), .text(decision.document)])
        }

        let store = try await database.open(upgrade: true)
        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 8)
        #expect(try await store.decisions(run: runs[1]).map(\.document) == [#"{"n":0}"#, #"{"n":2}"#, #"{"n":3}"#])
        #expect(try await store.decisions(run: runs[2]).count == 1)
        #expect(try await store.decisions(run: runs[0]).isEmpty)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE decision_head IS NULL") == 0)
        #expect(try await database.count("SELECT decision_count FROM runs WHERE id = $1", [.int(runs[1])]) == 3)

        let added = try await store.recordDecision(
            DecisionRecord(
                runID: runs[1], decidedAt: Date(), toolVersion: "1.0", verdict: .alert, alertCount: 1,
                baseline: .none, document: "{}"),
            alerts: [AlertTests.alert("creation-slowdown", baseline: nil)])
        #expect(try await store.decisions(run: runs[1]).last?.id == added)

        try await database.execute(
            "DELETE FROM decisions WHERE id = (SELECT min(id) FROM decisions WHERE run_id = $1)", [.int(runs[1])])
        await Self.expectDamage(store, run: runs[1], saying: "of run \(runs[1]) follows decision")
        await store.close()
    }
}
