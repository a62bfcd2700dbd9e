import Foundation
import NIOCore

/// How long sandbox-bench waits for a PostgreSQL server, at most, for each thing it asks.
///
/// A server that stops answering — stopped (SIGSTOP), swapped out, behind a network partition —
/// closes nothing: without a deadline a call waits forever, and a run holds the host-wide run
/// lock for as long. So every wait has one: ``connect`` for a new connection (its TCP or Unix
/// socket connect, TLS, login and set-up, as libpq's `connect_timeout`), ``statement`` for each
/// statement's answer. A missed deadline closes the connection and counts as a connection
/// failure: the call is tried again within the reconnect window (`PostgresDatabase+Reconnect`),
/// so that the longest any call waits is one statement deadline, then the window, then one
/// connect deadline (30 + 30 + 10 s by default), and then it ends as `StoreError.unreachable`.
package struct PostgresDeadlines: Sendable, Hashable {
    /// A new connection, from its socket to its set-up statements (URL `connect_timeout`,
    /// `PGCONNECT_TIMEOUT`).
    package var connect: Duration = .seconds(10)
    /// One statement's answer (URL `statement_timeout`); also the server's own
    /// `statement_timeout`, so that a live server ends a statement the client stopped waiting for.
    package var statement: Duration = .seconds(30)

    package init() {}
}

/// A server that did not answer within a deadline: the connection is closed and the call ends
/// (or is tried again) as if the connection had failed.
struct PostgresDeadlineExceeded: Error, CustomStringConvertible {
    enum Wait: String, Sendable {
        case connect = "a new connection"
        case statement = "a statement"
    }

    var wait: Wait
    var deadline: Duration

    var description: String {
        "the server did not answer \(wait.rawValue) within \(deadline.components.seconds) s"
    }
}

extension EventLoopFuture {
    /// Waits on the calling thread (NIO's blocking pool, never an event loop or the cooperative
    /// pool) for at most `deadline`; then throws `PostgresDeadlineExceeded` and runs `expired` on
    /// the future's event loop. The future itself is left to complete or not: `expired` releases
    /// whatever it would have held (it closes the connection).
    ///
    /// `isClosed`, asked every quarter of a second while the wait lasts: when the connection closed
    /// first (the server ended the session just as the statement was sent), the wait ends with
    /// `PostgresConnectionClosed`. A check that ends with the wait, rather than a callback on the
    /// connection's close future, which would keep one callback per statement for its lifetime.
    func wait(
        within deadline: Duration, _ wait: PostgresDeadlineExceeded.Wait,
        failingWhenClosed isClosed: (@Sendable () -> Bool)? = nil,
        expired: @escaping @Sendable (EventLoopFuture<Value>) -> Void
    ) throws -> Value where Value: Sendable {
        let promise = eventLoop.makePromise(of: Value.self)
        let nanoseconds = deadline.components.seconds * 1_000_000_000 + deadline.components.attoseconds / 1_000_000_000
        let timer = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            // Runs only when the future has not completed first (its completion cancels the timer
            // on the same event loop), so that `expired` never closes a connection in use.
            promise.fail(PostgresDeadlineExceeded(wait: wait, deadline: deadline))
            expired(self)
        }
        // A promise completes once: whichever comes first, the answer or the close, decides.
        let watch = isClosed.map { isClosed in
            eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(250), delay: .milliseconds(250)) { _ in
                if isClosed() { promise.fail(PostgresConnectionClosed()) }
            }
        }
        promise.futureResult.whenComplete { _ in
            timer.cancel()
            watch?.cancel()
        }
        whenComplete { result in promise.completeWith(result) }
        return try promise.futureResult.wait()
    }
}

/// The connection was closed before the server answered: by the server (a restart, a failover,
/// `pg_terminate_backend`) or after an earlier failure. A connection failure, tried again on a
/// new connection within the reconnect window.
struct PostgresConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection to the server was lost" }
}
