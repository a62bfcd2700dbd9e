import BenchModel
import Foundation
import Migrations
import PostgresMigrations
import StoreTestSupport
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore
@testable import SQLiteStore

/// `sandbox-bench migrate` as an operator runs it, and a shared PostgreSQL database that no other
/// command upgrades by surprise.
@Suite(
    .serialized, .temporaryDatabases,
    .enabled(if: DockerRequirement.isRequired || (try? ExecutableFile.locate()) != nil))
struct MigrateCommandTests {
    static let fixture = SchemaCompatibilityTests.fixturesFolder.appendingPathComponent("schema-v6.sqlite")

    /// An SQLite file at version 6: the dry run prints the statements and leaves the file's bytes
    /// as they were; the migration applies them and says so; a second one has nothing to do.
    @Test func anSQLiteFileIsMigratedExplicitly() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        try FileManager.default.copyItem(at: Self.fixture, to: URL(fileURLWithPath: database.path))
        let before = try database.bytes()
        let binary = try ExecutableFile.locate()

        let dry = try await binary.run(["migrate", "--dry-run", "--db", database.path])
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("-- \(database.path): schema version 6 → \(SchemaMigrations.latestVersion);"))
        #expect(dry.stdout.contains("(nothing was changed)"))
        #expect(dry.stdout.contains("-- 0007_schema_compatibility.sql (schema version 7)\nBEGIN;\n"))
        #expect(dry.stdout.contains("ALTER TABLE schema_migrations ADD COLUMN compatible_from INTEGER;"))
        #expect(
            dry.stdout.contains(
                "INSERT INTO schema_migrations (version, name, applied_at, compatible_from) "
                    + "VALUES (7, '0007_schema_compatibility.sql', CURRENT_TIMESTAMP, 7);\nCOMMIT;"))
        // Version 8 chains the decisions stored before it, in Swift after its SQL: the dry run says so.
        #expect(dry.stdout.contains("-- 0008_decision_chain.sql (schema version 8)\nBEGIN;\n"))
        #expect(dry.stdout.contains("ALTER TABLE runs ADD COLUMN decision_head TEXT;"))
        #expect(
            dry.stdout.contains("-- then sandbox-bench chains each run's stored decisions in the order of their ids"))
        #expect(try database.bytes() == before)

        let applied = try await binary.run(["migrate", "--db", database.path])
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Applied 0007_schema_compatibility.sql (schema version 7)."))
        #expect(applied.stdout.contains("Applied 0008_decision_chain.sql (schema version 8)."))
        #expect(applied.stdout.contains("schema version 6 → schema version \(SchemaMigrations.latestVersion)"))
        // Every run of the fixture got the head of its (no) decisions.
        #expect(try await database.count("SELECT count(*) FROM runs WHERE decision_head LIKE 'sha256:%'") > 0)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE decision_head IS NULL") == 0)
        #expect(
            try await database.count("SELECT max(version) FROM schema_migrations") == SchemaMigrations.latestVersion)
        #expect(try await database.count("SELECT compatible_from FROM schema_migrations WHERE version = 7") == 7)

        let again = try await binary.run(["migrate", "--db", database.path])
        #expect(again.exitCode == 0)
        #expect(again.stdout.contains("nothing to migrate"))
    }

    @Test func aMissingDatabaseOrANewerMajorVersionIsRefused() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let binary = try ExecutableFile.locate()
        let missing = try await binary.run(["migrate", "--db", database.path])
        #expect(missing.exitCode == FailureKind.badInput.exitCode, "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: database.path))

        let newer = SchemaMigrator(
            migrations: SchemaMigrations.all + [try SchemaCompatibilityTests.futureMigration(additive: false)])
        await (try await SQLiteResultsStore.open(path: database.path, mode: .createIfMissing, migrator: newer)).close()
        let refused = try await binary.run(["migrate", "--dry-run", "--db", database.path])
        #expect(refused.exitCode == FailureKind.environment.exitCode)
        #expect(refused.stderr.contains("only binaries of schema version 9 or later can use"), "\(refused.stderr)")

        let minor = try TestDatabase(name: "minor.sqlite")
        defer { minor.remove() }
        try FileManager.default.copyItem(
            at: SchemaCompatibilityTests.fixturesFolder.appendingPathComponent("schema-v9-minor.sqlite"),
            to: URL(fileURLWithPath: minor.path))
        let compatible = try await binary.run(["migrate", "--db", minor.path])
        #expect(compatible.exitCode == 0, "\(compatible.stderr)")
        #expect(compatible.stdout.contains("schema version 9, newer than this binary's 8 and compatible with it"))
    }

    /// A PostgreSQL database at an older version: every command refuses it in one line naming
    /// `sandbox-bench migrate` (exit 3) and leaves it at its version; `migrate --dry-run` changes
    /// nothing; `migrate` (or `--migrate` on a command) upgrades it.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aSharedDatabaseIsNeverMigratedBySurprise() async throws {
        let database = try await TestDatabase.make(.postgresql)
        let location = try PostgresTestServer.location(database.location)
        let older = SchemaMigrator(migrations: PostgresSchemaMigrations.all.filter { $0.version <= 6 })
        await (try await PostgresResultsStore.open(location, migrator: older)).close()
        // A run as version 6 stored it (this binary's writes need version 8's columns).
        try await database.execute(
            """
            INSERT INTO runs (uuid, testbed, started_at, ended_at, status, suite, tool_version, host, pid,
                              process_start)
            VALUES ($1, 'h', now() - interval '1 minute', now(), 'completed', 'quick', '0.1.0', 'h', 1, '')
            """, [.text(UUID().uuidString.lowercased())])
        let binary = try ExecutableFile.locate()

        for arguments in [
            ["runs", "list"], ["report", "--fleet", "--out", database.directory.path], ["prune", "--keep-days", "1"],
        ] {
            let outcome = try await binary.run(arguments + ["--db", database.location])
            #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("has schema version 6, older than version 8"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("`sandbox-bench migrate`"))
        }
        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 6)

        let dry = try await binary.run(["migrate", "--dry-run", "--db", database.location])
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("ALTER TABLE schema_migrations ADD COLUMN compatible_from INTEGER;"))
        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 6)

        let flagged = try await binary.run(["runs", "list", "--migrate", "--db", database.location])
        #expect(flagged.exitCode == 0, "\(flagged.stderr)")
        #expect(try await database.count("SELECT max(version) FROM schema_migrations") == 8)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE decision_head LIKE 'sha256:%'") == 1)

        let current = try await binary.run(["migrate", "--db", database.location])
        #expect(current.exitCode == 0)
        #expect(current.stdout.contains("at schema version 8, this binary's: nothing to migrate"), "\(current.stdout)")
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func thePostgreSQLMigrateCommandAppliesEachMigration()
        async throws
    {
        let database = try await TestDatabase.make(.postgresql)
        let location = try PostgresTestServer.location(database.location)
        await
            (try await PostgresResultsStore.open(
                location, migrator: SchemaMigrator(migrations: PostgresSchemaMigrations.all.filter { $0.version <= 6 })))
            .close()
        let applied = try await ExecutableFile.locate().run(["migrate", "--db", database.location])
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Applied 0007_schema_compatibility.sql (schema version 7)."))
        #expect(try await database.count("SELECT compatible_from FROM schema_migrations WHERE version = 7") == 7)
        #expect(applied.stdout.contains("Applied 0008_decision_chain.sql (schema version 8)."))
        #expect(try await database.count("SELECT compatible_from FROM schema_migrations WHERE version = 8") == 8)
    }
}
