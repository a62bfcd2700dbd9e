import BenchModel
import Foundation
import NIOCore
import StoreTestSupport
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore

/// A server restarted in the middle of a read — between two statements of its snapshot, where a
/// restart ends the session with 57P01 — is noticed at once and the read is tried again on a new
/// connection once the server is back, instead of waiting for an answer a closed connection will
/// never bring. The statement deadline is set to an hour: a closed connection not noticed would
/// wait that long, and the test's time limit (not an assertion on speed) would end it.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun))
struct PostgresRestartTests {
    /// Ten minutes: alone it takes about 5 s, inside the whole suite on 2 cores up to 220 s; a
    /// closed connection not noticed would wait the hour.
    @Test(.timeLimit(.minutes(10))) func aReadCaughtByARestartIsTriedAgainOnANewConnection() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("restart_read")
            var location = try PostgresTestServer.location(url)
            location.deadlines.statement = .seconds(3600)
            let store = try await PostgresResultsStore.open(location, reconnectWindow: .seconds(30))
            let run = try await store.beginRun(NewRun(suite: "quick"))

            let restartWanted = DispatchSemaphore(value: 0)
            let stopped = DispatchSemaphore(value: 0)
            let restart = Task {
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        restartWanted.wait()
                        continuation.resume()
                    }
                }
                defer { stopped.signal() }
                try await cluster.pause()
                stopped.signal()
                try await Task.sleep(for: .milliseconds(1500))
                try await cluster.resume()
            }
            let attempts = AttemptLog()
            // The body runs on NIO's blocking thread pool: waiting there for the restart blocks no
            // task of the cooperative pool.
            let counts = try await store.database.read { session in
                attempts.add("attempt \(session.attempt)")
                let before = try session.rows("SELECT count(*) AS n FROM runs") { try $0.int("n") }
                if session.attempt == 0 {
                    restartWanted.signal()
                    stopped.wait()
                }
                let after = try session.rows("SELECT count(*) AS n FROM runs") { try $0.int("n") }
                return before + after
            }
            try await restart.value
            #expect(counts == [1, 1])
            // Tried again once the server was back: the tries while it was down found no server.
            #expect(attempts.entries.count == 2, "\(attempts.entries)")
            #expect(attempts.entries.first == "attempt 0", "\(attempts.entries)")
            // The store goes on as before.
            try await store.finishRun(run, status: .completed)
            #expect(try await store.run(run).status == .completed)
            await store.close()
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// A command's first connection refused by a server that is shutting down or starting up waits
    /// for it like any later call; one that finds no server at all is reported at once.
    @Test func aServerCaughtRestartingIsWaitedForButOneThatIsNotThereIsNot() {
        #expect(PostgresConnectionFailure.showsARestart(PostgresConnectionClosed()))
        #expect(PostgresConnectionFailure.isTransient(PostgresConnectionClosed()))
        #expect(
            PostgresConnectionFailure.showsARestart(CommitOutcomeUnknown(underlying: PostgresConnectionClosed())))
        let refused = IOError(errnoCode: ECONNREFUSED, reason: "connect")
        #expect(PostgresConnectionFailure.isTransient(refused))
        #expect(!PostgresConnectionFailure.showsARestart(refused))
        #expect(
            !PostgresConnectionFailure.showsARestart(PostgresDeadlineExceeded(wait: .statement, deadline: .seconds(1))))
    }
}
