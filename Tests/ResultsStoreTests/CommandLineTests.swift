import BenchModel
import Foundation
import Migrations
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// The database commands as a user runs them: exit codes, one-line errors, and a database left
/// byte-for-byte unchanged by every refused command. Runs where the `sandbox-bench` executable
/// is built next to the test bundle (the full package); the store's own development package
/// does not build it.
// The executable is built with the tests in the main package (and always under CI, where a
// missing binary must fail these tests rather than skip them).
@Suite(
    .enabled(
        if: DockerRequirement.isRequired || (try? ExecutableFile.locate()) != nil, "needs the sandbox-bench executable"),
    .temporaryDatabases)
struct CommandLineTests {
    /// A database with a completed baseline run and a completed plain run, closed (WAL folded in).
    static func prepared(_ backend: StoreBackend = .sqlite) async throws -> (
        database: TestDatabase, baselineRun: Int64, plainRun: Int64
    ) {
        let database = try await TestDatabase.make(backend)
        let store = try await database.open()
        let baselineRun = try await store.storeRun(
            startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation(), SpecExamples.full()])
        let plainRun = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"), label: "plain")
        try await store.setBaseline(name: "nightly", run: baselineRun)
        await store.close()
        return (database, baselineRun, plainRun)
    }

    @Test(arguments: [
        // The store says what happened; the command line adds what to do, in its own commands and flags.
        (
            ["runs", "show", "999"], FailureKind.badInput,
            "There is no run 999 in the results database. `sandbox-bench runs list` shows the runs."
        ),
        (["runs", "delete", "999"], .badInput, "There is no run 999"),
        (
            ["runs", "delete", "1"], .badInput,
            "Run 1 is the baseline \"nightly\", and deleting it would delete the baseline too. Pass --force to "
                + "delete it together with the baseline, or point the baseline at another run first."
        ),
        (
            ["baseline", "set", "nightly", "999"], .badInput,
            "There is no run 999 in the results database. `sandbox-bench runs list` shows the runs."
        ),
        (["export", "--run", "999"], .badInput, "There is no run 999"),
        (["export", "--from", "2", "--to", "1"], .badInput, "--from 2 is greater than --to 1"),
        (
            ["prune", "--keep-days", "-1"], .badInput,
            "'--keep-days <days>': negative values are out of range; give a whole number from 0 to 36500."
        ),
        (
            ["runs", "list", "--limit", "0"], .badInput,
            "'--limit <count>': out of range; give a whole number from 1 to 1000000."
        ),
    ])
    func aRefusedCommandSaysWhyAndWritesNothing(arguments: [String], kind: FailureKind, message: String) async throws {
        for backend in StoreBackend.all {
            let (database, _, _) = try await Self.prepared(backend)
            defer { database.remove() }
            let before = backend == .sqlite ? try database.bytes() : Data()
            let rows = try await database.count(
                "SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM baselines) + (SELECT count(*) FROM samples)"
            )
            let outcome = try await ExecutableFile.locate().run(arguments + ["--db", database.location])
            #expect(outcome.exitCode == kind.exitCode)
            #expect(outcome.stderr.contains(message), "\(backend): \(outcome.stderr)")
            #expect(
                try await database.count(
                    "SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM baselines) + (SELECT count(*) FROM samples)"
                ) == rows)
            if backend == .sqlite {
                #expect(try database.bytes() == before)
                #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
            }
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithExitThreeAndLeftAsItWas() async throws {
        let database = try TestDatabase(name: "notes.txt")
        defer { database.remove() }
        try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: database.path))
        for arguments in [
            ["runs", "list"], ["runs", "show", "1"], ["prune", "--keep-days", "3"], ["export", "--run", "1"],
        ] {
            let outcome = try await ExecutableFile.locate().run(arguments + ["--db", database.path])
            #expect(outcome.exitCode == FailureKind.environment.exitCode)
            #expect(
                outcome.stderr
                    == "sandbox-bench: error: \(StoreError.notADatabase(store: database.path).description) Pass another path with --db or SANDBOX_BENCH_DB.\n"
            )
            #expect(try database.bytes() == Data("not a database\n".utf8))
        }
        let directory = try await ExecutableFile.locate().run(["runs", "list", "--db", database.directory.path])
        #expect(directory.exitCode == FailureKind.environment.exitCode)
        #expect(directory.stderr.contains("is a directory"))
    }

    @Test func aNewerSchemaIsRefusedWithExitThree() async throws {
        let (database, _, _) = try await Self.prepared()
        defer { database.remove() }
        try await database.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future.sql', '2030-01-01T00:00:00.000Z')",
            [.int(SchemaMigrations.latestVersion + 1)])
        let before = try database.bytes()
        let outcome = try await ExecutableFile.locate().run(["runs", "list", "--db", database.path])
        #expect(outcome.exitCode == FailureKind.environment.exitCode)
        #expect(outcome.stderr.contains("newer than version \(SchemaMigrations.latestVersion)"))
        #expect(try database.bytes() == before)
    }

    /// The default database may not exist yet: "no runs yet". A database named with --db or
    /// SANDBOX_BENCH_DB must exist for every command that does not create one: a typo in a cron
    /// line is bad input (exit 2) naming the path, not an empty history.
    @Test func listingWithoutADatabaseCreatesNone() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let binary = try ExecutableFile.locate()
        let home = ["HOME": database.directory.path, "SANDBOX_BENCH_DB": "", "XDG_DATA_HOME": ""]
        let text = try await binary.run(["runs", "list"], environment: home)
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("No runs yet"))
        let json = try await binary.run(["runs", "list", "--json"], environment: home)
        #expect(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(!FileManager.default.fileExists(atPath: database.directory.file(".local")))

        for (arguments, variable) in [(["--db", database.path], "--db"), ([], "SANDBOX_BENCH_DB")] {
            for command in [["runs", "list"], ["runs", "show", "1"], ["baseline", "list"], ["report"], ["diff"]] {
                let outcome = try await binary.run(
                    command + arguments, environment: arguments.isEmpty ? ["SANDBOX_BENCH_DB": database.path] : [:])
                #expect(outcome.exitCode == FailureKind.badInput.exitCode, "\(command) \(outcome.stderr)")
                #expect(
                    outcome.stderr.contains(
                        "There is no results database at \(database.path), which \(variable) names."),
                    "\(outcome.stderr)")
                #expect(outcome.stdout.isEmpty)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test(arguments: StoreBackend.all) func listShowExportDeleteAndPrune(backend: StoreBackend) async throws {
        let (database, baselineRun, plainRun) = try await Self.prepared(backend)
        defer { database.remove() }
        let binary = try ExecutableFile.locate()
        let db = ["--db", database.location]

        let list = try await binary.run(["runs", "list", "--json"] + db)
        #expect(list.exitCode == 0)
        let overviews = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(
            overviews?.compactMap { ($0["run"] as? [String: Any])?["id"] as? Int } == [Int(plainRun), Int(baselineRun)])

        let show = try await binary.run(["runs", "show", String(baselineRun)] + db)
        #expect(show.exitCode == 0)
        #expect(show.stdout.contains("e2e.cycle_s"))
        #expect(show.stdout.contains("Permission denied"))

        let csv = try await binary.run(
            ["export", "--format", "csv", "--from", String(baselineRun), "--to", String(plainRun)] + db)
        #expect(csv.exitCode == 0)
        #expect(csv.stdout.split(separator: "\n").count == 1 + 7 + 3)

        #expect(try await binary.run(["runs", "delete", String(plainRun)] + db).exitCode == 0)
        // A prune per testbed: a testbed without runs is a typo (exit 2), not a policy that deletes nothing.
        let typo = try await binary.run(["prune", "--keep-days", "0", "--testbed", "no-such-host"] + db)
        #expect(typo.exitCode == FailureKind.badInput.exitCode, "\(typo.stderr)")
        #expect(typo.stderr.contains("has no runs of the testbed no-such-host; its testbeds: \(Testbed.defaultName)."))
        let scoped = try await binary.run(
            ["prune", "--keep-days", "0", "--dry-run", "--testbed", Testbed.defaultName] + db)
        #expect(scoped.exitCode == 0, "\(scoped.stderr)")
        #expect(scoped.stdout.contains("older than 0 days of the testbed \(Testbed.defaultName)"), "\(scoped.stdout)")
        let prune = try await binary.run(["prune", "--keep-days", "0", "--json"] + db)
        #expect(prune.exitCode == 0)
        #expect(prune.stdout.contains("\"keptForBaselines\" : [\n    \(baselineRun)\n  ]"))
        #expect(try await database.open().runs().map(\.id) == [baselineRun])
    }
}
