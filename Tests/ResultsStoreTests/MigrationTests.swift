import BenchModel
import Foundation
import Migrations
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct MigrationTests {
    static let fixturesFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func fixture(version: Int) -> URL {
        fixturesFolder.appendingPathComponent("schema-v\(version).sqlite")
    }

    /// type, name and SQL of every schema object, for comparing two databases.
    static func schema(of database: TestDatabase) throws -> [String] {
        try database.rawConnection().rows(
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS object FROM sqlite_schema ORDER BY type, name"
        ) { try $0.text(try $0.onlyColumn()) }
    }

    static func appliedVersions(of database: TestDatabase) throws -> [Int] {
        try database.rawConnection().rows("SELECT version FROM schema_migrations ORDER BY version") {
            try $0.int(try $0.onlyColumn())
        }
    }

    @Test func anEmptyFileGetsEveryMigration() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        #expect(FileManager.default.createFile(atPath: database.path, contents: Data()))
        _ = try await database.open()
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
        let tables = try database.rawConnection().rows("SELECT name FROM sqlite_schema WHERE type = 'table'") {
            try $0.text(try $0.onlyColumn())
        }
        for table in [
            "runs", "environments", "metrics", "spec_results", "samples", "summaries", "checks", "failures", "notes",
            "containers", "baselines", "alerts", "schema_migrations",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try await database.count("PRAGMA application_id") == 1_396_854_339)
        #expect(
            try database.rawConnection().firstRow("PRAGMA journal_mode") { try $0.text(try $0.onlyColumn()) } == "wal")
    }

    @Test func aMissingFileIsCreatedWithItsFolders() async throws {
        let database = try TestDatabase(name: "a/b/c/results.sqlite")
        defer { database.remove() }
        _ = try await database.open()
        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
    }

    @Test func reopeningAppliesNothingAgain() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try await database.open()
        let firstApplied = try database.rawConnection().rows("SELECT version, applied_at FROM schema_migrations") {
            try $0.text("applied_at")
        }
        _ = try await database.open()
        let secondApplied = try database.rawConnection().rows("SELECT version, applied_at FROM schema_migrations") {
            try $0.text("applied_at")
        }
        #expect(firstApplied == secondApplied)
    }

    /// Package.swift embeds every SQL file of Migrations/; Migrations.swift numbers them. Both must agree.
    @Test func everyMigrationFileIsListedOnceInVersionOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Migrations"
        ).standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(SchemaMigrations.all.map(\.name) == files)
        #expect(SchemaMigrations.all.map(\.version) == Array(1...SchemaMigrations.all.count))
        for migration in SchemaMigrations.all {
            #expect(migration.name.hasPrefix(String(format: "%04d_", migration.version)))
            #expect(
                migration.sql
                    == (try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)))
        }
    }

    @Test func thereIsAFixtureForEverySchemaVersion() {
        for migration in SchemaMigrations.all {
            #expect(
                FileManager.default.fileExists(atPath: Self.fixture(version: migration.version).path),
                "add Fixtures/schema-v\(migration.version).sqlite (see Fixtures/README.md)")
        }
    }

    @Test(arguments: SchemaMigrations.all.map(\.version))
    func aFixtureOfEveryVersionReachesTheLatestSchemaWithItsDataIntact(version: Int) async throws {
        let fixture = try TestDatabase()
        defer { fixture.remove() }
        try FileManager.default.copyItem(at: Self.fixture(version: version), to: URL(fileURLWithPath: fixture.path))
        #expect(try Self.appliedVersions(of: fixture) == Array(1...version))

        let store = try await fixture.open()
        #expect(try Self.appliedVersions(of: fixture) == SchemaMigrations.all.map(\.version))
        let fresh = try TestDatabase()
        defer { fresh.remove() }
        _ = try await fresh.open()
        #expect(try Self.schema(of: fixture) == Self.schema(of: fresh))
        #expect(
            try fixture.rawConnection().firstRow("PRAGMA integrity_check") { try $0.text(try $0.onlyColumn()) } == "ok")
        #expect(try await fixture.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        try await Self.expectReferenceData(in: store)
    }

    /// The rows of Fixtures/reference-data.sql, read through the public API.
    static func expectReferenceData(in store: any ResultsStore) async throws {
        let runs = try await store.runs()
        #expect(runs.map(\.id) == [4, 3, 2, 1])
        // Runs stored before schema 4 got a UUID each, and the testbed of the host that wrote them.
        #expect(Set(runs.map(\.uuid)).count == 4)
        #expect(runs.allSatisfy { $0.testbed == "fixture-host" })
        #expect(try await store.read { try $0.run(uuid: runs[0].uuid) }?.id == runs[0].id)
        let completed = try await store.run(1)
        #expect(completed.status == .completed)
        #expect(completed.label == "fixture-completed")
        #expect(completed.startedAt == date("2025-01-01T02:00:00.000Z"))
        #expect(completed.endedAt == date("2025-01-01T02:05:00.000Z"))
        #expect(completed.configurationJSON == #"{"iterations":3}"#)
        #expect(try await store.run(2).reason == "The Docker engine did not answer.")
        #expect(try await store.confirmations(of: 1).map(\.id) == [4])
        #expect(try await store.latestCompletedRun()?.id == 1)

        let summaries = try await store.summaries(run: 1)
        #expect(summaries.map(\.metric) == [.creationTime, .parallelEfficiency])
        #expect(summaries.first?.median == 0.35)
        #expect(summaries.first?.p95 == 0.395)
        let samples = try await store.samples(run: 1, metric: .creationTime)
        #expect(samples.map(\.sample.value) == [0.30, 0.40, 0.35])
        #expect(samples[2].sample.phases?[.remove] == nil)
        #expect(samples[2].sample.phases?[.start] == 0.33)

        #expect(try await store.checks(run: 1).map(\.check.informational) == [false, true])
        #expect(try await store.failures(run: 2).first?.failure.output == "Error response from daemon: fixture")
        #expect(try await store.notes(run: 1).map(\.spec) == ["parallel"])
        #expect(
            try await store.containers(run: 1).last?.container.removalError
                == "removal of container c2 is already in progress")
        #expect(try await store.environment(run: 1)?.runcVersion == "1.1.5")
        #expect(try await store.baseline(named: "fixture-baseline").runID == 1)
        #expect(try await store.baseline(named: "fixture-baseline").testbed == "fixture-host")
        let alert = try #require(try await store.alerts(run: 2).first)
        #expect(alert.baselineRunID == 1)
        #expect(alert.movedPhase == .start)

        let history = try await store.history(metric: .creationTime)
        #expect(history.map(\.runID) == [1, 2, 3])
        #expect(history.map { $0.summary?.median } == [0.35, 0.50, nil])
    }

    @Test func aFailingMigrationLeavesTheDatabaseAtTheVersionBefore() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try await database.open()
        let broken = Migration(
            version: SchemaMigrations.latestVersion + 1, name: "broken.sql",
            sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);")
        await #expect(throws: StoreError.self) {
            _ = try await SQLiteResultsStore.open(
                path: database.path, mode: .existingOnly,
                migrator: SchemaMigrator(migrations: SchemaMigrations.all + [broken]))
        }
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
        #expect(try await database.count("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'") == 0)
        _ = try await database.open()
    }

    @Test(arguments: StoreBackend.all) func everyViewAnswers(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let run = try await store.storeRun(
            startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation(), SpecExamples.full()])
        #expect(try await database.schemaObjects(.view) == Self.views)
        #expect(
            try await database.count(
                "SELECT count(*) FROM v_runs WHERE id = $1 AND creation_median_s = 0.33", [.int(run)]) == 1)
        #expect(try await database.count("SELECT count(*) FROM v_samples WHERE run_id = $1", [.int(run)]) == 7)
        #expect(try await database.count("SELECT count(*) FROM v_latest_summaries") == 3)
        #expect(
            try await database.count(
                "SELECT count(*) FROM v_metric_history WHERE metric = 'creation.create_start_s' AND median = 0.33") == 1
        )
        #expect(try await database.count("SELECT count(*) FROM v_checks") == 3)
        #expect(try await database.count("SELECT count(*) FROM v_failures") == 2)
        #expect(try await database.count("SELECT count(*) FROM v_alerts") == 0)
        #expect(try await database.count("SELECT count(*) FROM v_decisions") == 0)
    }

    static let views = [
        "v_alerts", "v_checks", "v_decisions", "v_failures", "v_latest_summaries", "v_metric_history", "v_runs",
        "v_samples",
    ]
}
