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

/// The compatibility rule (Migrations/README.md): migrations are additive within a major schema
/// version, and a binary keeps reading and writing a database that a newer one migrated to a newer
/// minor version of its major one. `schema-v9-minor.sqlite` is such a database: `schema-v8.sqlite`
/// with `future-0009_run_tags.sql` applied (a column, a table, an index and a view), as a binary of
/// schema version 9 would leave it.
@Suite(.temporaryDatabases) struct SchemaCompatibilityTests {
    static let fixturesFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func futureMigration(additive: Bool) throws -> Migration {
        let sql = try String(
            contentsOf: fixturesFolder.appendingPathComponent("future-0009_run_tags.sql"), encoding: .utf8)
        return Migration(
            version: SchemaMigrations.latestVersion + 1, name: "0009_run_tags.sql",
            sql: additive ? sql : sql.replacingOccurrences(of: "-- compatibility: additive", with: ""))
    }

    @Test func aMigrationKeepsTheFloorOnlyWhenItIsAdditive() throws {
        let current = SchemaMigrations.all
        #expect(current.compatibleFrom(SchemaMigrations.latestVersion) == SchemaMigrationsFloor.current)
        #expect((current + [try Self.futureMigration(additive: true)]).compatibleFrom(9) == 8)
        #expect((current + [try Self.futureMigration(additive: false)]).compatibleFrom(9) == 9)
        let after = Migration(version: 10, name: "0010_x.sql", sql: "-- compatibility: additive\nSELECT 1;")
        #expect((current + [try Self.futureMigration(additive: false), after]).compatibleFrom(10) == 9)
        #expect(try Self.futureMigration(additive: true).isAdditive)
        #expect(!SchemaMigrations.all.contains { $0.isAdditive })
    }

    /// The fixture at a newer minor version: read, written (a run stored, a run deleted with the
    /// newer table's rows that refer to it) and read again by this binary, and left at its version.
    @Test func aDatabaseAtANewerMinorVersionIsReadAndWrittenBySQLite() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        try FileManager.default.copyItem(
            at: Self.fixturesFolder.appendingPathComponent("schema-v9-minor.sqlite"),
            to: URL(fileURLWithPath: database.path))
        let storedRuns = try await database.count("SELECT count(*) FROM runs")
        #expect(storedRuns > 0)

        let reader = try await SQLiteResultsStore.open(path: database.path, mode: .readOnly)
        #expect(try await reader.read { try $0.runs(RunQuery()) }.count == storedRuns)
        await reader.close()

        let store = try await database.openSQLite()
        try await store.auditSchema()
        let id = try await store.storeRun(startedAt: Date())
        #expect(try await store.read { try $0.runs(RunQuery()) }.count == storedRuns + 1)
        #expect(try await store.read { try $0.run(id) }.status == .completed)
        let first = try await database.count(
            "SELECT min(id) FROM runs WHERE id NOT IN (SELECT run_id FROM baselines)")
        try await store.deleteRun(Int64(first))
        await store.close()

        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 9)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE host_group = 'rack-1'") == storedRuns - 1)
        #expect(try await database.count("SELECT count(*) FROM v_run_tags") == storedRuns - 1)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE host_group IS NULL") == 1)
    }

    /// A newer major version (a migration not marked additive) is refused, untouched, naming the
    /// binaries that can use it.
    @Test func aDatabaseAtANewerMajorVersionIsRefusedUnchanged() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let newer = SchemaMigrator(migrations: SchemaMigrations.all + [try Self.futureMigration(additive: false)])
        await (try await SQLiteResultsStore.open(path: database.path, mode: .createIfMissing, migrator: newer)).close()
        let before = try database.bytes()
        for mode in [SQLiteDatabase.OpenMode.existingOnly, .readOnly] {
            let error = await #expect(throws: StoreError.self) {
                _ = try await SQLiteResultsStore.open(path: database.path, mode: mode)
            }
            #expect(
                error
                    == .newerSchema(
                        store: database.path, found: 9, supported: SchemaMigrations.latestVersion, compatibleFrom: 9))
            #expect(error?.description.contains("only binaries of schema version 9 or later can use") == true)
        }
        #expect(try database.bytes() == before)
    }

    /// A newer minor version may add, never put a trigger on a table of sandbox-bench's.
    @Test func aNewerMinorVersionIsStillAudited() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        try FileManager.default.copyItem(
            at: Self.fixturesFolder.appendingPathComponent("schema-v9-minor.sqlite"),
            to: URL(fileURLWithPath: database.path))
        try await database.execute("CREATE TRIGGER hide AFTER INSERT ON samples BEGIN DELETE FROM samples; END")
        let error = await #expect(throws: StoreError.self) { _ = try await database.openSQLite() }
        #expect(error?.description.contains("a trigger \"hide\" on the table samples") == true)
    }

    /// The same on PostgreSQL: a database a binary of schema version 9 migrated (additively) is
    /// read and written by this one; a newer major version is refused.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aNewerMinorVersionIsUsedOnPostgreSQL() async throws {
        let database = try await TestDatabase.make(.postgresql)
        let location = try PostgresTestServer.location(database.location)
        let newer = SchemaMigrator(
            migrations: PostgresSchemaMigrations.all + [try Self.futureMigration(additive: true)])
        let future = try await PostgresResultsStore.open(location, migrator: newer)
        let old = try await future.storeRun(startedAt: Date(timeIntervalSinceNow: -3600))
        await future.close()
        try await database.execute("UPDATE runs SET host_group = 'rack-1'")
        try await database.execute("INSERT INTO run_tags SELECT id, 'fixture' FROM runs")

        let reader = try await PostgresResultsStore.open(location, mode: .readOnly)
        #expect(try await reader.read { try $0.runs(RunQuery()) }.map(\.id) == [old])
        await reader.close()
        let store = try await PostgresResultsStore.open(location)
        let id = try await store.storeRun(startedAt: Date())
        #expect(try await store.read { try $0.runs(RunQuery()) }.count == 2)
        try await store.deleteRun(old)
        #expect(try await store.read { try $0.runs(RunQuery()) }.map(\.id) == [id])
        await store.close()
        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 9)
        #expect(try await database.count("SELECT count(*) FROM v_run_tags") == 0)

        let major = try await TestDatabase.make(.postgresql)
        let majorLocation = try PostgresTestServer.location(major.location)
        await
            (try await PostgresResultsStore.open(
                majorLocation,
                migrator: SchemaMigrator(
                    migrations: PostgresSchemaMigrations.all + [try Self.futureMigration(additive: false)]))).close()
        let error = await #expect(throws: StoreError.self) { _ = try await PostgresResultsStore.open(majorLocation) }
        #expect(error?.description.contains("only binaries of schema version 9 or later can use") == true)
    }
}

/// The compatibility floor of this binary's own schema: version 8 (the decision chain) is a major
/// version; version 7 started the rule.
enum SchemaMigrationsFloor {
    static let current = 8
}
