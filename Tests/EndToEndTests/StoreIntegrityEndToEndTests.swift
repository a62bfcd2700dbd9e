import BenchModel
import DockerEngine
import EngineInterface
import Foundation
import PostgresNIO
import ResultsStore
import Sandbox
import StoreTestSupport
import TestSupport
import Testing

@testable import SQLiteStore

/// The built binary against a database that does not keep what it is given, or that goes away
/// while a run writes it: no run may say "completed" with its data lost, every such end is exit 3
/// with one line saying why, and no container is left behind.
@Suite(.needsDockerEngine, .serialized)
struct StoreIntegrityEndToEndTests {
    static let threeSpecs = [
        "run", "--suite", "quick", "--spec", "creation", "--spec", "e2e", "--spec", "cleanup", "--iterations", "4",
        "--no-report", "--log-level", "info",
    ]

    /// Runs SQL on the database file outside the tool, as another program (or a person) would.
    static func execute(_ sql: String, on path: String) throws {
        let connection = try SQLiteConnection(path: path, create: false)
        connection.setBusyTimeout(milliseconds: 5000)
        try connection.executeScript(sql)
    }

    /// Waits until the run started its second spec (its first is stored by then, its end is
    /// not: the specs take seconds); the run's id, or nil when it ended first. The run logs at
    /// `info` (`--log-level info`), so that this waits for what it says, not for a timer.
    static func untilSecondSpec(_ process: RunningProcess) async -> Int64? {
        guard await process.waitForLines(2, on: .stderr, where: { $0.contains(" spec started ") }) else { return nil }
        let line = process.stderr.split(separator: "\n").first { $0.contains(" run started ") }
        return line?.split(separator: " ").first { $0.hasPrefix("run=") }.flatMap { Int64($0.dropFirst(4)) }
    }

    static let eatSamples =
        "CREATE TRIGGER eat_samples AFTER INSERT ON samples BEGIN DELETE FROM samples WHERE id = NEW.id; END"

    @Test func aDatabaseWhoseTriggerDeletesSamplesIsRefusedBeforeAnythingIsWritten() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let first = try await cli.run(["run", "--suite", "quick", "--spec", "creation", "--no-report", "--quiet"])
        #expect(first.exitCode == 0, "\(first.stderr)")
        try Self.execute(Self.eatSamples, on: cli.database)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))

        for command in [["run", "--suite", "quick", "--spec", "creation", "--no-report"], ["gate"], ["diff"]] {
            let refused = try await cli.run(command)
            #expect(refused.exitCode == FailureKind.environment.exitCode, "\(command) \(refused.stderr)")
            #expect(refused.errorLines.count == 1, "\(refused.stderr)")
            #expect(
                refused.errorLines.first?.contains(
                    "has a trigger \"eat_samples\" on the table samples that sandbox-bench did not create") == true,
                "\(refused.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before, "\(command)")
            #expect(try await Self.leftContainers(pid: refused.pid) == 0)
        }
    }

    /// A trigger added while the run measures: the run reads back what it wrote, and a run that
    /// lost samples is stored as failed and exits 3 naming what is missing.
    @Test func aTriggerAddedDuringARunFailsItAfterItsReadBack() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (outcome, runID) = try await cli.run(Self.threeSpecs) { process in
            let runID = await Self.untilSecondSpec(process)
            try Self.execute(Self.eatSamples, on: cli.database)
            return runID
        }
        let id = try #require(runID)
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        let line = try #require(outcome.errorLines.first)
        #expect(line.contains("Run \(id) was not kept as written in the results database"), "\(line)")
        // The specs stored after the trigger lost their samples (which of them depends on when it came).
        #expect(line.contains(" samples") && line.contains("kept 0 of "), "\(line)")
        #expect(line.contains("the run is stored as failed, not completed"), "\(line)")
        #expect(!outcome.stdout.contains("completed"), "\(outcome.stdout)")
        let store = try await SQLiteResultsStore.open(path: cli.database, mode: .readOnly)
        let run = try await store.run(id)
        #expect(run.status == .failed)
        #expect(run.reason?.contains("did not keep what the run wrote") == true)
        await store.close()
        #expect(try await Self.leftContainers(pid: outcome.pid) == 0)
    }

    @Test func aDatabaseDeletedDuringARunExitsThreeInsteadOfCompleted() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (outcome, runID) = try await cli.run(Self.threeSpecs) { process in
            let runID = await Self.untilSecondSpec(process)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.database + suffix) }
            return runID
        }
        let id = try #require(runID)
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(
            outcome.errorLines.first?.contains("was deleted or moved away while run \(id) was measuring") == true,
            "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("nothing of it is kept at that path") == true, "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("completed"), "\(outcome.stdout)")
        #expect(!FileManager.default.fileExists(atPath: cli.database))
        #expect(try await Self.leftContainers(pid: outcome.pid) == 0)
    }

    /// `runs delete` refuses a run still measuring, `--force` or not, naming its process. Deleted
    /// anyway behind the tool's back, the run ends with exit 3 and removes its containers.
    @Test func aRunStillMeasuringIsNotDeletedAndOneDeletedBehindItsBackEndsClean() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (outcome, refusals) = try await cli.run(Self.threeSpecs) { process in
            guard let runID = await Self.untilSecondSpec(process) else {
                return [ExecutableFile.Outcome]()
            }
            let refusals = [
                try await cli.run(["runs", "delete", String(runID)]),
                try await cli.run(["runs", "delete", String(runID), "--force"]),
            ]
            try Self.execute("DELETE FROM runs WHERE id = \(runID)", on: cli.database)
            return refusals
        }
        #expect(refusals.count == 2)
        for refusal in refusals {
            #expect(refusal.exitCode == FailureKind.badInput.exitCode, "\(refusal.stderr)")
            #expect(
                refusal.errorLines.first?.contains(
                    "is still measuring, in the live process \(outcome.pid) on this host")
                    == true, "\(refusal.stderr)")
        }
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(
            outcome.errorLines.first?.contains("was deleted from the results database") == true
                && outcome.errorLines.first?.contains("its containers were removed") == true, "\(outcome.stderr)")
        #expect(try await Self.leftContainers(pid: outcome.pid) == 0)
    }

    /// Without HOME (cron, systemd), the default database is in the password database's home of
    /// the user, not under "/"; a user without an entry is told to set HOME or name the database.
    @Test(.enabled(if: getuid() == 0)) func withoutHomeTheDefaultDatabaseIsInThePasswordDatabasesHome() async throws {
        let binary = try ExecutableFile.locate()
        let env = ExecutableFile(path: "/usr/bin/env")
        let unset = ["-u", "HOME", "-u", "XDG_DATA_HOME", "-u", "SANDBOX_BENCH_DB"]
        func asUser(_ user: [String]) async throws -> ExecutableFile.Outcome {
            try await env.run(unset + ["setpriv"] + user + ["--clear-groups", binary.path, "runs", "list"])
        }
        let nobody = try await asUser(["--reuid=nobody", "--regid=nogroup"])
        #expect(nobody.exitCode == 0, "\(nobody.stderr)")
        let home = try #require(HomeFolder.ofUser(65534))
        #expect(
            nobody.stdout.contains("there is no results database at \(home)/.local/share/sandbox-bench/results.sqlite"),
            "\(nobody.stdout)")
        let stranger = try await asUser(["--reuid=54321", "--regid=54321"])
        #expect(stranger.exitCode == FailureKind.badInput.exitCode, "\(stranger.stderr)")
        #expect(stranger.stderr.contains("no home folder for user 54321"), "\(stranger.stderr)")
        #expect(stranger.stderr.contains("Set HOME, or name the database with --db or SANDBOX_BENCH_DB"))
        #expect(stranger.stdout.isEmpty)
    }

    /// A PostgreSQL server stopped for two seconds in the middle of a run: the run completes
    /// (exit 0) with every sample, which its read-back checked before it said so.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aPostgresRestartDuringARunCompletesIt() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("restart_e2e")
            let cli = try CommandLine()
            defer { cli.remove() }
            let (outcome, _) = try await cli.run(
                [
                    "run", "--suite", "quick", "--spec", "creation", "--spec", "e2e", "--spec", "cleanup", "--spec",
                    "cleanup_all", "--iterations", "4", "--no-report", "--log-level", "info", "--db", url,
                ]
            ) { process in
                _ = await Self.untilSecondSpec(process)
                try await cluster.pause()
                try await Task.sleep(for: .seconds(2))
                try await cluster.resume()
            }
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.errorLines.isEmpty, "\(outcome.stderr)")
            let status = try await PostgresTestServer.execute("SELECT status FROM runs", on: url)
            #expect(try status.map { try $0[0].decode(String.self) } == ["completed"])
            // Each metric's summary counts the samples the run measured; the table holds exactly those.
            let counts = try await PostgresTestServer.execute(
                "SELECT (SELECT sum(n) FROM summaries)::int8, (SELECT count(*) FROM samples)::int8", on: url)
            let row = try #require(counts.first)
            #expect(try row[0].decode(Int64.self) == row[1].decode(Int64.self))
            #expect(try row[1].decode(Int64.self) > 16)
            #expect(try await Self.leftContainers(pid: outcome.pid) == 0)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// Containers the process `pid` created still on the engine.
    static func leftContainers(pid: Int32, socketPath: String = DockerRequirement.socketPath) async throws -> Int {
        try await DockerEngine.withEngine(host: DockerHost(socketPath: socketPath)) { engine in
            try await engine.listContainers(labels: [SandboxLabel.ownerFilter, "\(SandboxLabel.pid)=\(pid)"]).count
        }
    }
}
