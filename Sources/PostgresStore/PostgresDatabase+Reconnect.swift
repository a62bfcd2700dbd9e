import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import ResultsStore
import SQLStore

#if canImport(Glibc)
    import Glibc
#endif

/// A server restarted for a second or two (an upgrade, a failover) must not end a run that has
/// measured for an hour. A call whose connection fails at that level — refused, reset or closed,
/// the server shutting down or starting up (SQLSTATE class 08, 57P01 to 57P03) — is tried again
/// on a new connection, with a growing pause, for ``PostgresDatabase/defaultReconnectWindow``
/// (the database's `reconnectWindow`) from the first failure; the pool's other connections, likely
/// as dead, are dropped first.
///
/// A call is tried again only when that cannot store anything twice (`SQLRetry`): a read; a write
/// that leaves the same rows however often it runs (the run's writes, keyed by the run's identity:
/// `beginRun` by its UUID and process, `recordSpec` by run and spec, `finishRun` by the status it
/// sets); any other write only when its failure came before its `COMMIT` was sent, so that it is
/// known not to have committed. A commit whose answer was lost is the case this rules out.
extension PostgresDatabase {
    /// How long a call is tried again after its connection failed: stated in the README.
    package static let defaultReconnectWindow: Duration = .seconds(30)

    /// Runs `body` with a leased connection on the blocking thread pool, turning PostgreSQL's
    /// errors into `StoreError`s that name the database without its password; tries it again
    /// after a connection failure as `retry` allows. `body` sees the attempt in `session.attempt`.
    ///
    /// `opening`: the first call of a command. A server that is not there at all (nothing accepts
    /// the connection) is an error at once, but one caught restarting — it ended the session or
    /// refused it as shutting down or starting up (`PostgresConnectionFailure.showsARestart`) — is
    /// waited for like any other call.
    func perform<T: Sendable>(
        retry: SQLRetry = .always, opening: Bool = false, _ body: @escaping @Sendable (PostgresSession) throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        var firstFailure: ContinuousClock.Instant?
        var attempt = 0
        while true {
            do {
                return try await offTheCooperativePool { [attempt] in try self.pool.withSession(attempt: attempt, body)
                }
            } catch {
                let since = firstFailure ?? clock.now
                firstFailure = since
                let left = reconnectWindow - (clock.now - since)
                let notThere = opening && attempt == 0 && !PostgresConnectionFailure.showsARestart(error)
                guard PostgresConnectionFailure.isTransient(error), Self.allows(retry, error), left > .zero, !notThere
                else {
                    throw storeError(error, tried: attempt > 0)
                }
                let delay = min(Self.pause(after: attempt), left)
                _ = try? await offTheCooperativePool { self.pool.closeAll() }
                // The pause outlives a cancellation: an interrupted run still stores itself as aborted.
                await Task.detached { try? await Task.sleep(for: delay) }.value
                attempt += 1
            }
        }
    }

    /// 0.25 s, 0.5 s, 1 s, 2 s, then 4 s between attempts.
    static func pause(after attempt: Int) -> Duration {
        .milliseconds(250 * (1 << min(attempt, 4)))
    }

    private func storeError(_ error: any Error, tried: Bool) -> any Error {
        let unknownCommit = error is CommitOutcomeUnknown
        let cause = (error as? CommitOutcomeUnknown)?.underlying ?? error
        // The body's own errors (an unknown run, a comparison that cannot be made) pass as they are.
        guard
            let mapped = StoreError(postgres: cause, store: displayName, lockTimeoutSeconds: Self.lockTimeoutSeconds)
        else { return cause }
        guard case .unreachable(let store, var reason) = mapped else { return mapped }
        if unknownCommit { reason += ", while a change was being committed (whether it was stored is unknown)" }
        if tried { reason += ", and it did not answer again within \(reconnectWindow.components.seconds) s" }
        return StoreError.unreachable(store: store, reason: reason)
    }
}

extension PostgresDatabase {
    /// Whether `retry` lets a call whose connection failed with `error` be tried again.
    static func allows(_ retry: SQLRetry, _ error: any Error) -> Bool {
        switch retry {
        case .never: return false
        case .always: return true
        case .unlessCommitSent: return !(error is CommitOutcomeUnknown)
        }
    }
}

/// The connection failed while a `COMMIT` was on its way: the transaction may have committed.
struct CommitOutcomeUnknown: Error {
    var underlying: any Error
}

/// Which failures are the connection's, not the statement's: those a new connection can cure.
enum PostgresConnectionFailure {
    /// The SQLSTATEs of a server shutting down, crashing or starting up (57P01 admin_shutdown,
    /// 57P02 crash_shutdown, 57P03 cannot_connect_now) and of class 08, connection exceptions.
    static func isTransientState(_ state: String) -> Bool {
        state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }

    /// Whether `error` shows a server that was there and is restarting: it ended the session
    /// (57P01, 57P02, a connection it closed) or refused a new one as starting up or shutting
    /// down (57P03). Not a connection nothing accepted, nor a server that did not answer.
    static func showsARestart(_ error: any Error) -> Bool {
        switch error {
        case let error as CommitOutcomeUnknown:
            return showsARestart(error.underlying)
        case is PostgresConnectionClosed:
            return true
        case let error as PSQLError:
            switch error.code {
            case .server: return ["57P01", "57P02", "57P03"].contains(error.serverInfo?[.sqlState] ?? "")
            case .serverClosedConnection, .uncleanShutdown: return true
            default: return false
            }
        default:
            return false
        }
    }

    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as CommitOutcomeUnknown:
            return isTransient(error.underlying)
        case is PostgresDeadlineExceeded, is PostgresConnectionClosed:
            return true
        case let error as PSQLError:
            switch error.code {
            case .server:
                return isTransientState(error.serverInfo?[.sqlState] ?? "")
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return true
            case .connectionError:
                return error.underlying.map(isTransient) ?? true
            default:
                return false
            }
        case let error as IOError:
            return [ECONNREFUSED, ECONNRESET, ECONNABORTED, ENOENT, EPIPE, ENOTCONN, ETIMEDOUT, EHOSTUNREACH]
                .contains(error.errnoCode)
        case let error as NIOConnectionError:
            return error.connectionErrors.isEmpty || error.connectionErrors.contains { isTransient($0.error) }
        case let error as ChannelError:
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .connectTimeout, .outputClosed, .inputClosed: return true
            default: return false
            }
        default:
            return false
        }
    }
}
