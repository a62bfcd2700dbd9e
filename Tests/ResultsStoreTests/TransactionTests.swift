import BenchModel
import CSQLite
import Foundation
import Testing

@testable import ResultsStore

@Suite struct TransactionTests {
    @Test func aFailingStatementRollsBackTheWholeTransaction() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
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
        #expect(try connection.firstRow("SELECT count(*) FROM things") { $0.int(0) } == 0)

        // The connection is usable afterwards.
        try connection.inTransaction { try connection.execute("INSERT INTO things (name) VALUES (?)", ["second"]) }
        #expect(try connection.firstRow("SELECT count(*) FROM things") { $0.int(0) } == 1)
    }

    @Test func aSwiftErrorInsideATransactionRollsBackToo() throws {
        struct Stop: Error {}
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let connection = try database.rawConnection()
        #expect(throws: Stop.self) {
            try connection.inTransaction {
                try connection.execute("INSERT INTO metrics (name, spec, unit, direction) VALUES ('a.b_s', 'a', 's', 'smaller')")
                throw Stop()
            }
        }
        #expect(try connection.firstRow("SELECT count(*) FROM metrics") { $0.int(0) } == 0)
    }

    @Test func aSpecThatFailsHalfWayLeavesNothingBehind() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let run = try store.beginRun(NewRun(suite: "default"))
        // Samples, summaries, checks and failures go in before the notes; the notes fail.
        try database.rawConnection().executeScript(
            "CREATE TRIGGER refuse_notes BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'notes are refused'); END;")

        let error = #expect(throws: StoreError.self) { try store.recordSpec(SpecExamples.full(), for: run) }
        guard case .sqlite(_, let cause) = error else {
            Issue.record("expected an SQLite error, got \(String(describing: error))")
            return
        }
        #expect(cause.message == "notes are refused")
        for table in ["spec_results", "samples", "summaries", "checks", "failures", "notes", "containers", "metrics"] {
            #expect(try database.count("SELECT count(*) FROM \(table)") == 0, "\(table) kept rows of the failed spec")
        }
        #expect(try store.run(run).status == .running)

        try database.rawConnection().executeScript("DROP TRIGGER refuse_notes")
        try store.recordSpec(SpecExamples.full(), for: run)
        #expect(try store.specs(run: run).count == 1)
    }

    /// Waits out the real busy timeout (5 s) once: another connection holds the write lock.
    @Test func aWriteThatCannotGetTheLockIsToldTheDatabaseIsBusy() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let holder = try database.rawConnection()
        try holder.executeScript("BEGIN IMMEDIATE")
        let error = #expect(throws: StoreError.self) { _ = try store.beginRun(NewRun(suite: "default")) }
        #expect(error == .busy(path: database.path, timeoutSeconds: ResultsDatabase.busyTimeoutSeconds))
        #expect(error?.kind == .environment)
        // Reading goes on while the lock is held (WAL).
        #expect(try store.runs().isEmpty)
        try holder.executeScript("ROLLBACK")
        _ = try store.beginRun(NewRun(suite: "default"))
    }

    @Test func argumentsMustMatchTheParameters() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let connection = try database.rawConnection()
        let error = #expect(throws: DatabaseError.self) {
            try connection.execute("SELECT ?, ?", [1])
        }
        #expect(error?.resultCode == SQLITE_RANGE)
    }

    @Test func sqlInValuesStaysData() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let hostile = "x'); DROP TABLE runs; --"
        var spec = SpecExamples.creation()
        spec.spec = hostile
        spec.notes = [hostile]
        spec.samples.append(Sample(metric: MetricID("evil'; DELETE FROM samples; --.value_s"), iteration: 0, value: 1))
        let run = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), label: hostile, specs: [spec])
        try store.setBaseline(name: hostile, run: run, note: hostile)

        #expect(try store.run(run).label == hostile)
        #expect(try store.specs(run: run).map(\.spec) == [hostile])
        #expect(try store.notes(run: run).map(\.text) == [hostile])
        #expect(try store.baseline(named: hostile).note == hostile)
        #expect(try store.samples(run: run).count == 4)
        #expect(try store.runs(.since(date("2025-01-01T00:00:00.000Z"))).count == 1)
        #expect(try database.count("SELECT count(*) FROM runs") == 1)
    }
}
