import BenchModel
import CSQLite
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct TransactionTests {
    @Test func aFailingStatementRollsBackTheWholeTransaction() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try await database.openSQLite()
        let connection = try database.rawConnection()
        try connection.executeScript("CREATE TABLE things (name TEXT NOT NULL UNIQUE)")

        let error = #expect(throws: DatabaseError.self) {
            try connection.inTransaction {
                try connection.execute("INSERT INTO things (name) VALUES (?)", ["first"])
                try connection.execute("INSERT INTO things (name) VALUES (?)", ["first"])
            }
        }
        #expect(error?.resultCode == SQLITE_CONSTRAINT)
        #expect(error?.extendedResultCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE, a macro Swift does not import
        #expect(error?.sql == "INSERT INTO things (name) VALUES (?)")
        #expect(error?.description.contains("UNIQUE constraint failed: things.name") == true)
        #expect(connection.isAutocommit)
        #expect(try connection.firstRow("SELECT count(*) FROM things") { try $0.int(try $0.onlyColumn()) } == 0)

        // The connection is usable afterwards.
        try connection.inTransaction { try connection.execute("INSERT INTO things (name) VALUES (?)", ["second"]) }
        #expect(try connection.firstRow("SELECT count(*) FROM things") { try $0.int(try $0.onlyColumn()) } == 1)
    }

    @Test func aSwiftErrorInsideATransactionRollsBackToo() async throws {
        struct Stop: Error {}
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try await database.openSQLite()
        let connection = try database.rawConnection()
        #expect(throws: Stop.self) {
            try connection.inTransaction {
                try connection.execute(
                    "INSERT INTO metrics (name, spec, unit, direction) VALUES ('a.b_s', 'a', 's', 'smaller')")
                throw Stop()
            }
        }
        #expect(try connection.firstRow("SELECT count(*) FROM metrics") { try $0.int(try $0.onlyColumn()) } == 0)
    }

    @Test(arguments: StoreBackend.all) func aSpecThatFailsHalfWayLeavesNothingBehind(backend: StoreBackend) async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let run = try await store.beginRun(NewRun(suite: "default"))
        // Samples, summaries, checks and failures go in before the notes; the notes fail.
        if backend == .sqlite {
            try await database.execute(
                "CREATE TRIGGER refuse_notes BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'notes are refused'); END;"
            )
        } else {
            try await database.execute(
                "CREATE FUNCTION refuse_notes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'notes are refused'; END $$"
            )
            try await database.execute(
                "CREATE TRIGGER refuse_notes BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION refuse_notes()")
        }

        let error = await #expect(throws: StoreError.self) { try await store.recordSpec(SpecExamples.full(), for: run) }
        guard case .backend(_, _, let message) = error else {
            Issue.record("expected an SQLite error, got \(String(describing: error))")
            return
        }
        #expect(message == "notes are refused")
        for table in ["spec_results", "samples", "summaries", "checks", "failures", "notes", "containers", "metrics"] {
            #expect(
                try await database.count("SELECT count(*) FROM \(table)") == 0, "\(table) kept rows of the failed spec")
        }
        #expect(try await store.run(run).status == .running)

        try await database.execute(
            backend == .sqlite ? "DROP TRIGGER refuse_notes" : "DROP TRIGGER refuse_notes ON notes")
        try await store.recordSpec(SpecExamples.full(), for: run)
        #expect(try await store.specs(run: run).count == 1)
    }

    /// Waits out the real busy timeout (5 s) once: another connection holds the write lock.
    @Test func aWriteThatCannotGetTheLockIsToldTheDatabaseIsBusy() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let holder = try database.rawConnection()
        try holder.executeScript("BEGIN IMMEDIATE")
        let error = await #expect(throws: StoreError.self) { _ = try await store.beginRun(NewRun(suite: "default")) }
        #expect(error == .busy(store: database.path, timeoutSeconds: SQLiteResultsStore.busyTimeoutSeconds))
        #expect(error?.kind == .environment)
        // Reading goes on while the lock is held (WAL).
        #expect(try await store.runs().isEmpty)
        try holder.executeScript("ROLLBACK")
        _ = try await store.beginRun(NewRun(suite: "default"))
    }

    @Test func argumentsMustMatchTheParameters() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try await database.openSQLite()
        let connection = try database.rawConnection()
        let error = #expect(throws: DatabaseError.self) {
            try connection.execute("SELECT ?, ?", [1])
        }
        #expect(error?.resultCode == SQLITE_RANGE)
    }

    @Test(arguments: StoreBackend.all) func sqlInValuesStaysData(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let hostile = "x'); DROP TABLE runs; --"
        var spec = SpecExamples.creation()
        spec.spec = hostile
        spec.notes = [hostile]
        spec.samples.append(Sample(metric: MetricID("evil'; DELETE FROM samples; --.value_s"), iteration: 0, value: 1))
        let run = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), label: hostile, specs: [spec])
        try await store.setBaseline(name: hostile, run: run, note: hostile)

        #expect(try await store.run(run).label == hostile)
        #expect(try await store.specs(run: run).map(\.spec) == [hostile])
        #expect(try await store.notes(run: run).map(\.text) == [hostile])
        #expect(try await store.baseline(named: hostile).note == hostile)
        #expect(try await store.samples(run: run).count == 4)
        #expect(try await store.runs(RunQuery(since: date("2025-01-01T00:00:00.000Z"))).count == 1)
        #expect(try await database.count("SELECT count(*) FROM runs") == 1)
    }
}
