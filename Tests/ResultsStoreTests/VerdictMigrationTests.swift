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

/// Schema version 5 on a database that already holds decisions: every decision and every alert
/// of one is kept (SQLite rebuilds the table), and a decision that compared with another testbed's
/// run becomes a one-off, so that it no longer stands as the run's verdict.
@Suite struct VerdictMigrationTests {
    /// Opens `database` at schema version 4, as a sandbox-bench of that version left it.
    static func openAtVersion4(_ database: TestDatabase) async throws -> any ResultsStore {
        switch database.backend {
        case .sqlite:
            return try await SQLiteResultsStore.open(
                path: database.path, mode: .createIfMissing,
                migrator: SchemaMigrator(migrations: Array(SchemaMigrations.all.prefix(4))))
        case .postgresql:
            return try await PostgresResultsStore.open(
                try PostgresTestServer.location(database.location), mode: .createIfMissing,
                migrator: SchemaMigrator(migrations: Array(PostgresSchemaMigrations.all.prefix(4))))
        }
    }

    @Test(arguments: StoreBackend.all) func decisionsAndTheirAlertsSurviveAndCrossTestbedOnesBecomeOneOffs(
        backend: StoreBackend
    ) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        await (try await Self.openAtVersion4(database)).close()
        // Runs as version 4 stored them (this binary's writes need version 8's columns).
        var runs: [(id: Int64, uuid: UUID)] = []
        for (index, testbed) in ["host-a", "host-a", "host-b"].enumerated() {
            let uuid = UUID()
            try await database.execute(
                """
                INSERT INTO runs (uuid, testbed, started_at, ended_at, status, suite, tool_version, host, pid,
                                  process_start)
                VALUES ($1, $2, '2025-03-01T0\(index):00:00.000Z', '2025-03-01T0\(index):30:00.000Z', 'completed',
                        'quick', '0.1.0', 'h', 1, '')
                """, [.text(uuid.uuidString.lowercased()), .text(testbed)])
            runs.append((Int64(try await database.count("SELECT max(id) FROM runs")), uuid))
        }
        let (baseline, candidate, other) = (runs[0], runs[1], runs[2])
        // Two decisions of the candidate as version 4 stored them (UUIDs as JSONEncoder writes them:
        // upper case): against its own testbed's run, with an alert, then against host-b's run.
        for (index, reference) in [baseline, other].enumerated() {
            let references = #"[{"id":\#(reference.id),"uuid":"\#(reference.uuid.uuidString)"}]"#
            try await database.execute(
                """
                INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind,
                                       baseline_label, baseline_runs, document)
                VALUES ($1, '2025-03-0\(index + 1)T02:00:00.000Z', '0.1.0', $2, $3, 'run', $4, $5, '{}')
                """,
                [
                    .int(candidate.id), index == 0 ? "alert" : "passed", .int(index == 0 ? 1 : 0),
                    .text("run \(reference.id)"), .text(references),
                ])
        }
        try await database.execute(
            """
            INSERT INTO alerts (run_id, decision_id, baseline_run_id, rule, metric, message, created_at)
            VALUES ($1, (SELECT min(id) FROM decisions), $2, 'creation-slowdown', 'creation.create_start_s', 'slower',
                    '2025-03-01T02:00:00.000Z')
            """, [.int(candidate.id), .int(baseline.id)])

        // A shared PostgreSQL database is upgraded only when asked (`migrate`, `--migrate`).
        let store = try await database.open(upgrade: true)
        let decisions = try await store.read { try $0.decisions(run: candidate.id) }
        #expect(decisions.map(\.verdict) == [.alert, .passed])
        #expect(decisions.map(\.standing) == [true, false])
        #expect(decisions.map(\.missingCount) == [0, 0])
        #expect(decisions.verdict?.id == decisions.first?.id)
        #expect(try await store.read { try $0.latestDecisions(runs: [candidate.id]) }[candidate.id]?.verdict == .alert)
        #expect(try await store.read { try $0.alerts(run: candidate.id) }.map(\.message) == ["slower"])
        #expect(try await database.count("SELECT count(*) FROM alerts WHERE decision_id IS NOT NULL") == 1)
        #expect(
            try await database.count("SELECT count(*) FROM v_decisions WHERE is_verdict AND verdict = 'alert'") == 1)
        #expect(try await database.count("SELECT count(*) FROM v_decisions WHERE is_latest AND NOT standing") == 1)
        #expect(try await database.count("SELECT count(*) FROM v_runs WHERE verdict = 'alert'") == 1)
        // The new verdicts are accepted, an unknown one is not.
        try await store.recordDecision(
            DecisionRecord(
                runID: candidate.id, decidedAt: Date(), toolVersion: "0.1.0", verdict: .missing, alertCount: 0,
                missingCount: 2, baseline: .none, document: "{}"),
            alerts: [])
        #expect(try await database.count("SELECT count(*) FROM v_runs WHERE verdict = 'missing'") == 1)
        await #expect(throws: (any Error).self) {
            try await database.execute(
                """
                INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, document)
                VALUES ($1, '2025-03-05T02:00:00.000Z', '0.1.0', 'fine', 0, 'none', '{}')
                """, [.int(candidate.id)])
        }
        await store.close()
    }

    /// A baseline file's content is kept once per SHA-256, and read back only under its own hash.
    @Test(arguments: StoreBackend.all) func aBaselineFilesContentIsKeptOnceByItsHash(backend: StoreBackend) async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let id = try await store.beginRun(NewRun(suite: "quick"))
        try await store.finishRun(id, status: .completed)
        let file = StoredBaselineFile(content: #"{"format": "sandbox-bench.baseline"}"#)
        let reference = BaselineReference(kind: "file", name: nil, label: "file f.json", runs: [], sha256: file.sha256)
        for _ in 0..<2 {
            try await store.recordDecision(
                DecisionRecord(
                    runID: id, decidedAt: Date(), toolVersion: "0.1.0", verdict: .passed, alertCount: 0,
                    baseline: reference, document: "{}"),
                alerts: [], baselineFile: file)
        }
        #expect(try await database.count("SELECT count(*) FROM baseline_files") == 1)
        #expect(try await store.read { try $0.baselineFile(sha256: file.sha256) } == file)
        #expect(
            try await store.read { try $0.decisions(run: id) }.map(\.baseline.sha256) == [file.sha256, file.sha256])
        #expect(try await store.read { try $0.baselineFile(sha256: "sha256:00") } == nil)
        // Content that no longer has its hash is refused, not compared with.
        try await database.execute("UPDATE baseline_files SET content = 'changed'")
        await #expect(throws: (any Error).self) { try await store.read { try $0.baselineFile(sha256: file.sha256) } }
        await store.close()
    }
}
