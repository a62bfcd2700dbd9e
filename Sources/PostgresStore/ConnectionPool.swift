import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Connections to one database, lent one at a time to a caller on the blocking thread pool and
/// kept for the next; a connection that broke (a restarted server) is dropped, not lent again.
final class ConnectionPool: Sendable {
    let location: PostgresLocation
    private let idle = Mutex<[PostgresConnection]>([])
    private let logger = Logger(label: "sandbox-bench.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(location: PostgresLocation) {
        self.location = location
    }

    /// Blocks the calling thread (never an event loop's, never the cooperative pool's). A
    /// connection that failed as a connection (see `PostgresConnectionFailure`) is closed, not
    /// lent again. `attempt` counts the tries of one call (0 for the first).
    func withSession<T>(attempt: Int = 0, _ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try lease()
        do {
            let value = try body(
                PostgresSession(
                    connection: connection, logger: logger, attempt: attempt,
                    deadline: location.deadlines.statement))
            release(connection)
            return value
        } catch {
            if PostgresConnectionFailure.isTransient(error) {
                connection.closeSoon()
            } else {
                release(connection)
            }
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        if !connection.isClosed { idle.withLock { $0.append(connection) } }
    }

    private func lease() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        // A server that accepts the socket but never answers (stopped, partitioned) is given up on
        // after the connect deadline; a connection that arrives later is closed.
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try configuration(), id: 1, logger: logger
        ).wait(within: location.deadlines.connect, .connect) { late in late.whenSuccess { $0.closeSoon() } }
        let session = PostgresSession(connection: connection, logger: logger, deadline: location.deadlines.connect)
        do {
            // A lock another host holds is waited for, but not forever; times are exchanged in UTC;
            // the server ends a statement the client stopped waiting for.
            try session.run(
                PostgresQuery(unsafeSQL: "SET lock_timeout = '\(PostgresDatabase.lockTimeoutSeconds)s'"))
            try session.run(
                PostgresQuery(
                    unsafeSQL: "SET statement_timeout = '\(location.deadlines.statement.components.seconds)s'"))
            try session.run("SET TIME ZONE 'UTC'")
            // Commits do not wait for the disk unless a write asks (`write(durable: true)`, which
            // restores the server's own setting): see `PostgresDatabase.write(_:_:)`.
            try session.run("SET synchronous_commit = off")
        } catch {
            connection.closeSoon()
            throw error
        }
        return connection
    }

    /// A store dropped without `close()` still closes its connections; each stays alive until
    /// its close completes (postgres-nio insists that a connection is closed before it goes).
    deinit {
        for connection in idle.withLock({ $0 }) {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    func closeAll() {
        for connection in idle.withLock({ connections in
            defer { connections = [] }
            return connections
        }) {
            // Waited for (a caller may drop the database next), but not past the connect deadline.
            _ = try? connection.close().wait(within: location.deadlines.connect, .connect) { _ in }
        }
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = location.socketFolder {
            configuration = .init(
                unixSocketPath: "\(folder)/.s.PGSQL.\(location.port)", username: location.user,
                password: location.password,
                database: location.database)
        } else {
            let tls = try location.tlsSettings.connectionTLS(displayName: location.displayName)
            configuration = .init(
                host: location.host ?? "localhost", port: location.port, username: location.user,
                password: location.password,
                database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(location.deadlines.connect.components.seconds)
        return configuration
    }
}
