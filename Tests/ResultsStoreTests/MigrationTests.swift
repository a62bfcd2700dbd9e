import BenchModel
import Foundation
import Migrations
import Testing

@testable import ResultsStore

@Suite struct MigrationTests {
    static let fixturesFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func fixture(version: Int) -> URL {
        fixturesFolder.appendingPathComponent("schema-v\(version).sqlite")
    }

    /// type, name and SQL of every schema object, for comparing two databases.
    static func schema(of database: TestDatabase) throws -> [String] {
        try database.rawConnection().rows(
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name"
        ) { $0.text(0) }
    }

    static func appliedVersions(of database: TestDatabase) throws -> [Int] {
        try database.rawConnection().rows("SELECT version FROM schema_migrations ORDER BY version") { $0.int(0) }
    }

    @Test func anEmptyFileGetsEveryMigration() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        #expect(FileManager.default.createFile(atPath: database.path, contents: Data()))
        _ = try database.open()
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
        let tables = try database.rawConnection().rows("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.text(0) }
        for table in ["runs", "environments", "metrics", "spec_results", "samples", "summaries", "checks", "failures", "notes",
            "containers", "baselines", "alerts", "schema_migrations"]
        {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try database.count("PRAGMA application_id") == 1_396_854_339)
        #expect(try database.rawConnection().firstRow("PRAGMA journal_mode") { $0.text(0) } == "wal")
    }

    @Test func aMissingFileIsCreatedWithItsFolders() throws {
        let database = try TestDatabase(name: "a/b/c/results.sqlite")
        defer { database.remove() }
        _ = try database.open()
        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
    }

    @Test func reopeningAppliesNothingAgain() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let firstApplied = try database.rawConnection().rows("SELECT version, applied_at FROM schema_migrations") { $0.text(1) }
        _ = try database.open()
        let secondApplied = try database.rawConnection().rows("SELECT version, applied_at FROM schema_migrations") { $0.text(1) }
        #expect(firstApplied == secondApplied)
    }

    @Test func thereIsAFixtureForEverySchemaVersion() {
        for migration in SchemaMigrations.all {
            #expect(
                FileManager.default.fileExists(atPath: Self.fixture(version: migration.version).path),
                "add Fixtures/schema-v\(migration.version).sqlite (see Fixtures/README.md)")
        }
    }

    @Test(arguments: SchemaMigrations.all.map(\.version))
    func aFixtureOfEveryVersionReachesTheLatestSchemaWithItsDataIntact(version: Int) throws {
        let fixture = try TestDatabase()
        defer { fixture.remove() }
        try FileManager.default.copyItem(at: Self.fixture(version: version), to: URL(fileURLWithPath: fixture.path))
        #expect(try Self.appliedVersions(of: fixture) == Array(1...version))

        let store = try fixture.open()
        #expect(try Self.appliedVersions(of: fixture) == SchemaMigrations.all.map(\.version))
        let fresh = try TestDatabase()
        defer { fresh.remove() }
        _ = try fresh.open()
        #expect(try Self.schema(of: fixture) == Self.schema(of: fresh))
        #expect(try fixture.rawConnection().firstRow("PRAGMA integrity_check") { $0.text(0) } == "ok")
        #expect(try fixture.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        try Self.expectReferenceData(in: store)
    }

    /// The rows of Fixtures/reference-data.sql, read through the public API.
    static func expectReferenceData(in store: ResultsDatabase) throws {
        let runs = try store.runs()
        #expect(runs.map(\.id) == [4, 3, 2, 1])
        let completed = try store.run(1)
        #expect(completed.status == .completed)
        #expect(completed.label == "fixture-completed")
        #expect(completed.startedAt == date("2025-01-01T02:00:00.000Z"))
        #expect(completed.endedAt == date("2025-01-01T02:05:00.000Z"))
        #expect(completed.configurationJSON == #"{"iterations":3}"#)
        #expect(try store.run(2).reason == "The Docker engine did not answer.")
        #expect(try store.confirmations(of: 1).map(\.id) == [4])
        #expect(try store.latestCompletedRun()?.id == 1)

        let summaries = try store.summaries(run: 1)
        #expect(summaries.map(\.metric) == [.creationTime, .parallelEfficiency])
        #expect(summaries.first?.median == 0.35)
        #expect(summaries.first?.p95 == 0.395)
        let samples = try store.samples(run: 1, metric: .creationTime)
        #expect(samples.map(\.sample.value) == [0.30, 0.40, 0.35])
        #expect(samples[2].sample.phases?[.remove] == nil)
        #expect(samples[2].sample.phases?[.start] == 0.33)

        #expect(try store.checks(run: 1).map(\.check.informational) == [false, true])
        #expect(try store.failures(run: 2).first?.failure.output == "Error response from daemon: fixture")
        #expect(try store.notes(run: 1).map(\.spec) == ["parallel"])
        #expect(try store.containers(run: 1).last?.container.removalError == "removal of container c2 is already in progress")
        #expect(try store.environment(run: 1)?.runcVersion == "1.1.5")
        #expect(try store.baseline(named: "fixture-baseline").runID == 1)
        let alert = try #require(try store.alerts(run: 2).first)
        #expect(alert.baselineRunID == 1)
        #expect(alert.movedPhase == .start)

        let history = try store.history(metric: .creationTime)
        #expect(history.map(\.runID) == [1, 2, 3])
        #expect(history.map { $0.summary?.median } == [0.35, 0.50, nil])
    }

    @Test func aFailingMigrationLeavesTheDatabaseAtTheVersionBefore() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let broken = Migration(
            version: SchemaMigrations.latestVersion + 1, name: "broken.sql",
            sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);")
        #expect(throws: StoreError.self) {
            _ = try ResultsDatabase(path: database.path, mode: .existingOnly, migrator: SchemaMigrator(migrations: SchemaMigrations.all + [broken]))
        }
        #expect(try Self.appliedVersions(of: database) == SchemaMigrations.all.map(\.version))
        #expect(try database.count("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'") == 0)
        _ = try database.open()
    }

    @Test func everyViewAnswers() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let run = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation(), SpecExamples.full()])
        let views = try database.rawConnection().rows("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name") { $0.text(0) }
        #expect(views == ["v_alerts", "v_checks", "v_failures", "v_latest_summaries", "v_metric_history", "v_runs", "v_samples"])
        let raw = try database.rawConnection()
        #expect(try raw.firstRow("SELECT creation_median_s FROM v_runs WHERE id = ?", [run]) { $0.double(0) } == 0.33)
        #expect(try raw.firstRow("SELECT count(*) FROM v_samples WHERE run_id = ?", [run]) { $0.int(0) } == 7)
        #expect(try raw.firstRow("SELECT count(*) FROM v_latest_summaries") { $0.int(0) } == 3)
        #expect(
            try raw.firstRow("SELECT median FROM v_metric_history WHERE metric = 'creation.create_start_s'") { $0.double(0) } == 0.33)
        #expect(try raw.firstRow("SELECT count(*) FROM v_checks") { $0.int(0) } == 3)
        #expect(try raw.firstRow("SELECT count(*) FROM v_failures") { $0.int(0) } == 2)
        #expect(try raw.firstRow("SELECT count(*) FROM v_alerts") { $0.int(0) } == 0)
    }
}
