import BenchModel
import Foundation
import NIOCore
import PostgresNIO
import StoreTestSupport
import Synchronization
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore

/// A PostgreSQL server that restarts for a second or two does not cost a run: a call whose
/// connection failed is tried again on a new one, and a write that may have committed before its
/// answer was lost is tried again only when that cannot store it twice.
@Suite(.serialized, .temporaryDatabases, .enabled(if: PostgresTestServer.shouldRun))
struct PostgresReconnectTests {
    /// The answer to a committed statement, lost on the way back: what a connection reset after
    /// the server committed looks like to the client.
    static let lostAnswer = IOError(errnoCode: ECONNRESET, reason: "the answer was lost (test)")

    static func open(_ database: TestDatabase, window: Duration = PostgresResultsStore.defaultReconnectWindow)
        async throws -> PostgresResultsStore
    {
        try await PostgresResultsStore.open(
            try PostgresTestServer.location(database.location), reconnectWindow: window)
    }

    /// Each of a run's writes, committed and then tried again because its answer was lost,
    /// leaves exactly the rows of one write and returns what the first would have.
    @Test func aRunsWritesTriedAgainAfterALostAnswerAreStoredOnce() async throws {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        let store = try await Self.open(database)
        let attempts = AttemptLog()

        let newRun = NewRun(suite: "quick")
        let owner = ProcessIdentity.current
        let id = try await store.database.perform(retry: .always) { session in
            let id = try session.insertRun(newRun, owner: owner)
            attempts.add("begin")
            if session.attempt == 0 { throw Self.lostAnswer }
            return id
        }
        #expect(try await database.count("SELECT count(*) FROM runs") == 1)
        #expect(try await store.run(id).uuid == newRun.uuid)

        let spec = SpecExamples.full()
        let (result, summaries) = spec.preparedForStorage()
        let rows = SpecRows(result, summaries: summaries)
        try await store.database.perform(retry: .always) { session in
            try session.storeSpec(rows, runID: id, recordedAt: Date())
            attempts.add("spec")
            if session.attempt == 0 { throw Self.lostAnswer }
        }
        #expect(try await store.specs(run: id).count == 1)
        #expect(try await store.samples(run: id).count == result.samples.count)
        // A first attempt that finds the spec there is no retry: it is refused as before.
        await #expect(throws: StoreError.specAlreadyRecorded(runID: id, spec: spec.spec)) {
            try await store.database.perform(retry: .always) { session in
                try session.storeSpec(rows, runID: id, recordedAt: Date())
            }
        }

        // The update commits on its own here, and the answer to its COMMIT is what was lost.
        try await store.database.perform(retry: .always) { session in
            try session.closeRun(id, status: .completed, reason: nil, endedAt: Date())
            attempts.add("finish")
            if session.attempt == 0 { throw CommitOutcomeUnknown(underlying: Self.lostAnswer) }
        }
        #expect(try await store.run(id).status == .completed)
        #expect(attempts.entries == ["begin", "begin", "spec", "spec", "finish", "finish"])
        await store.close()

        await #expect(throws: StoreError.runNotRunning(id: id, status: .completed)) {
            try await store.finishRun(id, status: .completed)
        }
    }

    /// A write that must not run twice is not tried again once its COMMIT may have reached the
    /// server; the error says that whether it was stored is unknown.
    @Test func aWriteWhoseCommitMayHaveLandedIsNotRepeated() async throws {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        let store = try await Self.open(database)
        let attempts = AttemptLog()
        let error = await #expect(throws: StoreError.self) {
            try await store.database.write(.plain) { _ in
                attempts.add("decision")
                throw CommitOutcomeUnknown(underlying: Self.lostAnswer)
            }
        }
        #expect(attempts.entries == ["decision"])
        guard case .unreachable(_, let reason) = error else {
            Issue.record("expected an unreachable store, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("whether it was stored is unknown"), "\(reason)")

        // One whose connection failed before the commit was sent is known not to have committed: tried again.
        try await store.database.write(.plain) { session in
            attempts.add("baseline")
            if session.attempt == 0 { throw Self.lostAnswer }
        }
        #expect(attempts.entries == ["decision", "baseline", "baseline"])
        await store.close()
    }

    /// The server ends every connection (an administrator, a failover): the next call gets a new one.
    @Test func connectionsTheServerEndedAreReplaced() async throws {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        let store = try await Self.open(database)
        let first = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let name = try PostgresTestServer.location(database.location).database
        try await database.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [.text(name)])
        let second = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        #expect(try await store.runs().map(\.id) == [second, first])
        await store.close()
    }

    /// A server stopped while a spec is being stored and started again two seconds later: the
    /// write waits for it and the spec is stored whole. Stopped for longer than the bound: the
    /// write ends with the store unreachable, saying how long it waited.
    @Test func aWriteWaitsForARestartedServerWithinTheBound() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("reconnect_test")
            let store = try await PostgresResultsStore.open(
                try PostgresTestServer.location(url), reconnectWindow: .seconds(30))
            let run = try await store.beginRun(NewRun(suite: "quick"))
            try await cluster.pause()
            let write = Task { try await store.recordSpec(SpecExamples.full(), for: run) }
            try await Task.sleep(for: .seconds(2))
            try await cluster.resume()
            try await write.value
            try await store.finishRun(run, status: .completed)
            #expect(try await store.specs(run: run).map(\.spec) == [SpecExamples.full().spec])
            #expect(try await store.samples(run: run).count == SpecExamples.full().samples.count)
            await store.close()

            let impatient = try await PostgresResultsStore.open(
                try PostgresTestServer.location(url), reconnectWindow: .seconds(2))
            let second = try await impatient.beginRun(NewRun(suite: "quick"))
            try await cluster.pause()
            let error = await #expect(throws: StoreError.self) {
                try await impatient.recordSpec(SpecExamples.full(), for: second)
            }
            guard case .unreachable(_, let reason) = error else {
                Issue.record("expected an unreachable store, got \(String(describing: error))")
                await impatient.close()
                await cluster.stop()
                return
            }
            #expect(reason.contains("did not answer again within 2 s"), "\(reason)")
            try await cluster.resume()
            // Back again, the same store goes on.
            try await impatient.recordSpec(SpecExamples.full(), for: second)
            #expect(try await impatient.specs(run: second).count == 1)
            await impatient.close()
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}

extension PostgresReconnectTests {
    /// A server that stops answering (SIGSTOP: its sockets stay open, nothing answers) is given
    /// up on: a write ends after its statement deadline and the reconnect window, saying the
    /// server did not answer; a new store is refused after the connect deadline; once the
    /// server goes on, the same store answers again.
    @Test func aServerThatStopsAnsweringIsGivenUpOnAfterItsDeadlines() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("deadline_test")
            var location = try PostgresTestServer.location(url)
            location.deadlines.statement = .seconds(2)
            location.deadlines.connect = .seconds(1)
            let store = try await PostgresResultsStore.open(location, reconnectWindow: .seconds(2))
            let run = try await store.beginRun(NewRun(suite: "quick"))
            try await cluster.freeze()
            let error = await #expect(throws: StoreError.self) {
                try await store.recordSpec(SpecExamples.full(), for: run)
            }
            guard case .unreachable(_, let reason) = error else {
                Issue.record("expected an unreachable store, got \(String(describing: error))")
                await cluster.stop()
                return
            }
            // Which deadline fires first — the statement's, or a reconnection's (also the client's
            // own connect timeout) on a loaded machine — does not matter: the store gives up,
            // saying the server did not answer.
            #expect(reason.contains("the server did not answer"), "\(reason)")
            #expect(reason.contains("did not answer again within 2 s"), "\(reason)")
            let opening = await #expect(throws: StoreError.self) { try await PostgresResultsStore.open(location) }
            #expect(
                opening
                    == .unreachable(
                        store: location.displayName, reason: "the server did not answer a new connection within 1 s"))
            try await cluster.thaw()
            try await store.finishRun(run, status: .failed, reason: "the server stopped answering")
            #expect(try await store.run(run).status == .failed)
            await store.close()
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}

/// What the bodies of a test's calls did, in order, across attempts.
final class AttemptLog: Sendable {
    private let log = Mutex<[String]>([])
    func add(_ entry: String) { log.withLock { $0.append(entry) } }
    var entries: [String] { log.withLock { $0 } }
}
