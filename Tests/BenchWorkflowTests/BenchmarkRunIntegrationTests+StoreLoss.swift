import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import PostgresNIO
import ResultsStore
import Sandbox
import StoreTestSupport
import Synchronization
import TestSupport
import Testing

@testable import BenchWorkflow
@testable import PostgresStore
@testable import SQLiteStore

#if canImport(Glibc)
    import Glibc
#endif

/// Real runs (the real engine, a real SQLite file or PostgreSQL database) whose store loses what
/// they write while they measure: none may call itself completed, each ends with exit 3 and says
/// why, and none leaves a container behind. A server that comes back within the bound costs nothing.
///
/// In the suite of the other stored runs, serialized with them: runs of one process in two
/// databases share run ids, and a run's final sweep removes the containers of its id that this
/// process created.
extension BenchmarkRunIntegrationTests {
    static let threeSpecs = SuitePlan(suite: .quick, only: [.creation, .e2e, .cleanup], iterations: 4)

    static func runCapturing(
        _ plan: SuitePlan, store: any ResultsStore, progress: any RunProgress = SilentProgress()
    ) async -> Result<BenchmarkRun.Outcome, any Error> {
        let run = BenchmarkRun(
            request: .init(plan: plan, profile: SandboxProfile(engine: host), label: "store loss"), store: store,
            progress: progress, logger: Logger(label: "test"))
        do {
            return .success(try await run.execute())
        } catch {
            return .failure(error)
        }
    }

    /// Runs one statement outside the store, as another program (or a person) would.
    static func executeOutside(_ sql: String, on store: TemporaryStore) async throws {
        switch store.backend {
        case .sqlite:
            let connection = try SQLiteConnection(path: store.location, create: false)
            connection.setBusyTimeout(milliseconds: 5000)
            try connection.executeScript(sql)
        case .postgresql:
            try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: sql), on: store.location)
        }
    }

    /// A trigger added after the run's store was opened deletes every sample as it is inserted:
    /// the run reads back what it wrote and is stored as failed, naming what is missing.
    @Test(.temporaryDatabases, arguments: StoreBackend.all) func aStoreThatLosesSamplesDuringARunFailsIt(
        backend: StoreBackend
    )
        async throws
    {
        let database = try await TemporaryStore.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        switch backend {
        case .sqlite:
            try await Self.executeOutside(
                "CREATE TRIGGER eat_samples AFTER INSERT ON samples BEGIN DELETE FROM samples WHERE id = NEW.id; END",
                on: database)
        case .postgresql:
            try await Self.executeOutside(
                "CREATE FUNCTION eat_samples() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN DELETE FROM samples WHERE id = NEW.id; RETURN NULL; END $$",
                on: database)
            try await Self.executeOutside(
                "CREATE TRIGGER eat_samples AFTER INSERT ON samples FOR EACH ROW EXECUTE FUNCTION eat_samples()",
                on: database)
        }
        let plan = SuitePlan(suite: .quick, only: [.creation], iterations: 6)
        let result = await Self.runCapturing(plan, store: store)
        let notKept = try #require(result.failureValue as? RunNotKept, "\(result)")
        #expect(notKept.kind == .environment)
        #expect(notKept.storedAsFailed)
        #expect(notKept.differences.contains("kept 0 of 6 creation.create_start_s samples"), "\(notKept.differences)")
        #expect(notKept.description.contains("the run is stored as failed, not completed"))
        let stored = try await store.run(notKept.runID)
        #expect(stored.status == .failed)
        #expect(
            stored.reason?.hasPrefix("The results database did not keep what the run wrote: it kept 0 of ") == true,
            "\(stored.reason ?? "")")
        #expect(try await Self.leftovers(ofRun: notKept.runID) == 0)
        await store.close()
    }

    /// The run's row deleted, or closed by another process, while it measures: the run ends
    /// (exit 3) and says so, and its containers are removed.
    @Test(.temporaryDatabases, arguments: StoreBackend.all, ["DELETE FROM runs", "UPDATE runs SET status = 'aborted'"])
    func aRunDeletedOrClosedWhileMeasuringEndsAndRemovesItsContainers(backend: StoreBackend, change: String)
        async throws
    {
        let database = try await TemporaryStore.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let watcher = try await database.open()
        let events = ProgressEvents()
        let running = Task { await Self.runCapturing(Self.threeSpecs, store: store, progress: events) }
        // Once the second spec starts, the first is stored: the run's row is there, its end is not.
        await events.untilSpec(2)
        try await Self.executeOutside(change, on: database)
        let result = await running.value
        let loss = try #require(result.failureValue as? RunStoreLoss, "\(result)")
        #expect(loss.kind == .environment)
        let runID = loss.runID
        if change.hasPrefix("DELETE") {
            #expect(loss.cause == .deleted)
            #expect(loss.description.contains("was deleted from the results database"), "\(loss)")
            #expect(try await watcher.runs().isEmpty)
        } else {
            #expect(loss.cause == .closedElsewhere(.aborted))
            #expect(try await watcher.run(runID).status == .aborted)
        }
        #expect(try await Self.leftovers(ofRun: runID) == 0)
        await store.close()
        await watcher.close()
    }

    /// The database file deleted while the run measures: nothing is kept at that path, so the run
    /// ends (exit 3) and says so instead of "completed".
    @Test func aDatabaseFileDeletedDuringARunEndsIt() async throws {
        let database = try TemporaryStore()
        defer { database.remove() }
        let store = try await database.open()
        let events = ProgressEvents()
        let running = Task { await Self.runCapturing(Self.threeSpecs, store: store, progress: events) }
        await events.untilSpec(2)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.location + suffix) }
        let result = await running.value
        let loss = try #require(result.failureValue as? RunStoreLoss, "\(result)")
        #expect(loss.cause == .fileReplaced(.deleted))
        #expect(loss.atPath == .nothing)
        #expect(loss.description.contains("was deleted or moved away while run \(loss.runID) was measuring"), "\(loss)")
        #expect(loss.description.contains("nothing of it is kept at that path"), "\(loss)")
        #expect(try await Self.leftovers(ofRun: loss.runID) == 0)
        await store.close()
    }

    /// A copy of the database renamed over it (cp + mv, as a backup or sync tool does) after
    /// the run's start reached the file: the copy holds the run as it was, `running`. The run
    /// stops writing, finds itself there by its UUID and closes it as aborted with a reason that
    /// names the replaced file — not left for the next writer to close as a run whose process ended.
    @Test func aCopyRenamedOverTheDatabaseRecordsTheRunThereAsAborted() async throws {
        let database = try TemporaryStore()
        defer { database.remove() }
        let path = database.location
        let store = try await database.open()
        let events = ProgressEvents()
        let running = Task { await Self.runCapturing(Self.threeSpecs, store: store, progress: events) }
        await events.untilSpec(2)
        // The run's start and first spec into the file itself, then the copy.
        do {
            let raw = try SQLiteConnection(path: path, create: false)
            raw.setBusyTimeout(milliseconds: 5000)
            try raw.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try FileManager.default.copyItem(atPath: path, toPath: path + ".copy")
        #expect(rename(path + ".copy", path) == 0)
        let result = await running.value
        let loss = try #require(result.failureValue as? RunStoreLoss, "\(result)")
        #expect(loss.cause == .fileReplaced(.replaced))
        #expect(loss.atPath == .abortedThere(loss.runID))
        #expect(loss.description.contains("was replaced by another file (a copy, a restored backup)"), "\(loss)")
        #expect(loss.description.contains("closed as aborted with that reason"), "\(loss)")
        await store.close()
        let now = try await SQLiteResultsStore.open(path: path)
        let run = try await now.run(loss.runID)
        #expect(run.status == .aborted)
        #expect(run.reason?.contains("was replaced by another file") == true, "\(run.reason ?? "")")
        #expect(run.reason?.contains("ended without finishing") != true)
        await now.close()
        #expect(try await Self.leftovers(ofRun: loss.runID) == 0)
    }

    /// The server stopped for two seconds in the middle of a run: the run goes on and keeps
    /// every sample (its read-back would fail it otherwise).
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aPostgresRestartDuringARunLosesNothing() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("restart_during_run")
            let location = try PostgresTestServer.location(url)
            let store = try await PostgresResultsStore.open(location)
            let watcher = try await PostgresResultsStore.open(location, mode: .readOnly)
            let plan = SuitePlan(suite: .quick, only: [.creation, .e2e, .cleanup, .cleanupAll], iterations: 4)
            let events = ProgressEvents()
            let running = Task { await Self.runCapturing(plan, store: store, progress: events) }
            await events.untilSpec(2)
            try await cluster.pause()
            try await Task.sleep(for: .seconds(2))
            try await cluster.resume()
            let outcome = try await running.value.get()
            #expect(outcome.status == .completed, "\(outcome.reason ?? "")")
            let written = outcome.results.reduce(0) { $0 + $1.samples.count }
            #expect(written > 0)
            // Every sample the specs handed over is kept (the sweep's own sample beside them).
            #expect(try await watcher.samples(run: outcome.runID).count == written + 1)
            #expect(try await watcher.run(outcome.runID).status == .completed)
            #expect(try await Self.leftovers(ofRun: outcome.runID) == 0)
            await store.close()
            await watcher.close()
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// The server stopped for longer than the store's bound: the run ends (exit 3), its
    /// containers are removed, and it is stored as failed when the server answers again in time;
    /// when it never does, the error says the run could not be stored.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aPostgresServerGoneLongerThanTheBoundEndsTheRun()
        async throws
    {
        let cluster = try await ThrowAwayCluster.start()
        do {
            for comesBack in [true, false] {
                let url = try await cluster.createDatabase(comesBack ? "gone_and_back" : "gone_for_good")
                let location = try PostgresTestServer.location(url)
                let store = try await PostgresResultsStore.open(location, reconnectWindow: .seconds(6))
                let watcher = try await PostgresResultsStore.open(location, mode: .readOnly)
                // The server is started again as soon as the run says that it ends for the database's sake.
                let events = ProgressEvents { warning in
                    guard comesBack, warning.contains("the results database cannot be reached") else { return }
                    Task { try await cluster.resume() }
                }
                let running = Task { await Self.runCapturing(Self.threeSpecs, store: store, progress: events) }
                await events.untilSpec(2)
                try await cluster.pause()
                let result = await running.value
                let loss = try #require(result.failureValue as? RunStoreLoss, "\(result)")
                let runID = loss.runID
                guard case .unreachable(let reason) = loss.cause else {
                    Issue.record("expected an unreachable database, got \(loss)")
                    break
                }
                #expect(reason.contains("did not answer again within 6 s"), "\(reason)")
                #expect(loss.storedAsFailed == comesBack, "\(loss)")
                #expect(try await Self.leftovers(ofRun: runID) == 0)
                if !comesBack {
                    #expect(loss.description.contains("could not be stored as failed either"), "\(loss)")
                    try await cluster.resume()
                }
                let stored = try await watcher.run(runID)
                #expect(stored.status == (comesBack ? .failed : .running))
                if comesBack {
                    #expect(stored.reason?.hasPrefix("The results database could not be reached (") == true)
                }
                await store.close()
                await watcher.close()
            }
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}

/// A run's progress as events a test waits for: each spec that starts (the ones before it are
/// stored by then), and each warning, handed to `onWarning`.
final class ProgressEvents: RunProgress {
    private let started: AsyncStream<SpecName>
    private let continuation: AsyncStream<SpecName>.Continuation
    private let onWarning: @Sendable (String) -> Void

    init(onWarning: @escaping @Sendable (String) -> Void = { _ in }) {
        (started, continuation) = AsyncStream.makeStream()
        self.onWarning = onWarning
    }

    /// Returns once the `count`th spec started (or the run ended first).
    func untilSpec(_ count: Int) async {
        var seen = 0
        for await _ in started {
            seen += 1
            if seen == count { return }
        }
    }

    func specStarted(_ spec: SpecName, iterations: Int) { continuation.yield(spec) }
    func iteration(spec: SpecName, done: Int, of total: Int) {}
    func specFinished(_ spec: SpecName, result: SpecResult) {}
    func message(_ text: String) {}
    func warning(_ text: String) { onWarning(text) }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
