import BenchModel
import Foundation
import Migrations
import PostgresMigrations
import PostgresNIO
import StoreTestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore
@testable import SQLiteStore

/// The PostgreSQL dialect of the schema: numbered like SQLite's, the same tables, views and
/// columns, applied once however many hosts open the database at once.
@Suite(.temporaryDatabases)
struct PostgresMigrationTests {
    @Test func everyPostgresMigrationFileIsListedOnceAndNumberedLikeSQLite() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Migrations/postgresql"
        ).standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(PostgresSchemaMigrations.own.map(\.name) == files)
        // Every file of the folder is the twin of one of SQLite's: none is left out of the list.
        #expect(Set(files).isSubset(of: SchemaMigrations.all.map(\.name)))
        #expect(PostgresSchemaMigrations.all.map(\.name) == SchemaMigrations.all.map(\.name))
        for migration in PostgresSchemaMigrations.own {
            #expect(
                migration.sql
                    == (try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)))
        }
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func bothDialectsHaveTheSameTablesViewsAndColumns() async throws {
        let sqlite = try TestDatabase()
        defer { sqlite.remove() }
        let postgres = try await TestDatabase.make(.postgresql)
        _ = try await sqlite.open()
        _ = try await postgres.open()
        let tables = try await sqlite.schemaObjects(.table)
        #expect(try await postgres.schemaObjects(.table) == tables)
        #expect(try await postgres.schemaObjects(.view) == MigrationTests.views)
        for name in tables + MigrationTests.views {
            #expect(try await postgres.columns(of: name) == (try await sqlite.columns(of: name)), "\(name)")
        }
    }

    /// A migration written in SQL both databases run alike is one file: PostgreSQL applies the
    /// SQLite file where its folder has no twin, and both schemas come out the same.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aMigrationWithoutATwinIsAppliedToBoth() async throws {
        let portable = Migration(
            version: SchemaMigrations.latestVersion + 1, name: "9999_portable.sql",
            sql:
                "ALTER TABLE summaries ADD COLUMN p99 DOUBLE PRECISION;\nCREATE INDEX summaries_p99 ON summaries (p99);"
        )
        let shared = SchemaMigrations.all + [portable]
        let spelled = PostgresSchemaMigrations.spelled(shared, own: PostgresSchemaMigrations.own)
        #expect(spelled.last?.sql == portable.sql)
        #expect(Array(spelled.dropLast()).map(\.sql) == PostgresSchemaMigrations.all.map(\.sql))

        let sqlite = try TestDatabase()
        defer { sqlite.remove() }
        try await SQLiteResultsStore.open(
            path: sqlite.path, mode: .createIfMissing, migrator: SchemaMigrator(migrations: shared)
        ).close()
        let postgres = try await TestDatabase.make(.postgresql)
        try await PostgresResultsStore.open(
            try PostgresTestServer.location(postgres.location), migrator: SchemaMigrator(migrations: spelled)
        ).close()
        let columns = try await sqlite.columns(of: "summaries")
        #expect(columns.last == "p99")
        #expect(try await postgres.columns(of: "summaries") == columns)
        #expect(try await postgres.count("SELECT count(*) FROM schema_migrations") == shared.count)
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func hostsOpeningAtOnceApplyEachMigrationOnce() async throws {
        let database = try await TestDatabase.make(.postgresql)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { await (try await database.open()).close() } }
            try await group.waitForAll()
        }
        #expect(
            try await database.count("SELECT count(*) FROM schema_migrations") == PostgresSchemaMigrations.all.count)
        let applied = try await database.count("SELECT count(DISTINCT applied_at) FROM schema_migrations")
        _ = try await database.open()
        #expect(try await database.count("SELECT count(DISTINCT applied_at) FROM schema_migrations") == applied)
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aNewerSchemaOrAnotherProgramsDatabaseIsRefusedUnchanged()
        async throws
    {
        let newer = try await TestDatabase.make(.postgresql)
        _ = try await newer.open()
        try await newer.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future.sql', now())",
            [.int(PostgresSchemaMigrations.latestVersion + 1)])
        let error = await #expect(throws: StoreError.self) { _ = try await newer.open() }
        #expect(error?.description.contains("newer than version \(PostgresSchemaMigrations.latestVersion)") == true)
        #expect(error?.kind == .environment)

        let foreign = try await TestDatabase.make(.postgresql)
        try await foreign.execute("CREATE TABLE inventory (item text)")
        await #expect(
            throws: StoreError.foreignDatabase(store: try PostgresTestServer.location(foreign.location).displayName)
        ) {
            _ = try await foreign.open()
        }
        #expect(try await foreign.schemaObjects(.table) == ["inventory"])
    }

    @Test func aMigrationBecomesOneStatement() {
        let block = PostgresDialect.block("-- a comment\nCREATE TABLE t (x int);\nCREATE INDEX t_x ON t (x);")
        #expect(block.hasPrefix("DO $sandbox_bench_migration$ BEGIN\n"))
        #expect(block.hasSuffix("\nEND $sandbox_bench_migration$"))
    }
}

/// The commit policy of the SQLite store in PostgreSQL: a commit waits for the disk only when a
/// write asks for it (the end of a run, a baseline, a decision, an import, a schema change), and
/// then as the server's administrator set it.
@Suite(.temporaryDatabases, .enabled(if: PostgresTestServer.shouldRun))
struct PostgresCommitPolicyTests {
    @Test func onlyDurableWritesWaitForTheDiskAndTheSettingDoesNotOutliveThem() async throws {
        let database = try await TestDatabase.make(.postgresql)
        // The administrator's setting for this database: durable writes keep it, whatever it is.
        let name = try PostgresTestServer.location(database.location).database
        try await PostgresTestServer.execute(
            PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) SET synchronous_commit = remote_write"),
            on: database.location)
        let store = try #require(try await database.open() as? PostgresResultsStore)
        let show: @Sendable (PostgresSession) throws -> String = {
            try $0.firstRow("SHOW synchronous_commit") { try $0.text("synchronous_commit") } ?? ""
        }
        #expect(try await store.database.perform(show) == "off")
        #expect(try await store.database.write(.plain, show) == "off")
        #expect(try await store.database.write(.durable, show) == "remote_write")
        // SET LOCAL ends with its transaction: the connection, lent again, commits without waiting.
        #expect(try await store.database.perform(show) == "off")
        await store.close()
    }
}
