import BenchModel
import Foundation
import Logging
import Migrations
import NIOCore
import NIOPosix
import PostgresMigrations
import PostgresNIO
import ResultsStore

/// The results store in a PostgreSQL database: one history for a fleet of hosts.
///
/// Opening it connects, refuses a database whose schema is not sandbox-bench's or is newer than
/// this binary, applies pending migrations under an advisory lock (several hosts may start at
/// once), and closes as `aborted` every `running` run of this host whose process is gone.
///
/// Every call runs on NIO's blocking thread pool with a connection of its own from a small pool,
/// waiting there on postgres-nio's futures: the cooperative pool is never blocked, and the
/// synchronous ``ResultsReader`` reads inside one REPEATABLE READ transaction, one snapshot.
package final class PostgresResultsStore: ResultsStore {
    package enum OpenMode: Sendable {
        /// Apply the schema to an empty database: for every command (the database itself is
        /// created by its administrator, see the README).
        case createIfMissing
        /// The same: a database that does not exist is `StoreError.noDatabase` either way.
        case existingOnly
        /// For commands that only read: nothing is written, so a `running` run whose process is
        /// gone stays as stored until a command that writes closes it. A schema already current
        /// is checked, not locked; an older one is still brought up to date once.
        case readOnly
    }

    package let location: PostgresLocation
    package var displayName: String { location.displayName }
    /// How long a statement waits for a lock another host holds.
    package static let lockTimeoutSeconds = 10

    let pool: ConnectionPool
    /// How long a call is tried again after its connection failed (see `PostgresResultsStore+Reconnect.swift`).
    let reconnectWindow: Duration

    private init(location: PostgresLocation, pool: ConnectionPool, reconnectWindow: Duration) {
        self.location = location
        self.pool = pool
        self.reconnectWindow = reconnectWindow
    }

    /// Connects to the database `location` names and brings its schema up to date. A server that
    /// does not answer now is an error at once; one that goes away later is waited for, up to
    /// `reconnectWindow`.
    package static func open(
        _ location: PostgresLocation, mode: OpenMode = .createIfMissing,
        reconnectWindow: Duration = defaultReconnectWindow
    ) async throws -> PostgresResultsStore {
        try await open(location, mode: mode, migrator: PostgresSchemaMigrator(), reconnectWindow: reconnectWindow)
    }

    static func open(
        _ location: PostgresLocation, mode: OpenMode = .createIfMissing, migrator: PostgresSchemaMigrator,
        reconnectWindow: Duration = defaultReconnectWindow
    ) async throws -> PostgresResultsStore {
        let store = PostgresResultsStore(
            location: location, pool: ConnectionPool(location: location), reconnectWindow: reconnectWindow)
        do {
            try await store.perform(retry: .never) { session in
                // Before anything is written: a trigger that deletes what is inserted must not see a run.
                if mode != .readOnly {
                    try store.audit(session, migrations: migrator.migrations, upTo: migrator.latestVersion)
                }
                try migrator.migrate(session, store: location.displayName)
            }
            if mode != .readOnly { try await store.abortRunsOfGoneProcesses() }
            return store
        } catch {
            await store.close()
            throw error
        }
    }

    /// Runs `body` on NIO's blocking thread pool and waits for it. The wait ignores cancellation
    /// on purpose: an interrupted run must still be stored as aborted, and a write already begun
    /// finishes in milliseconds.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any(), body)
            .get()
    }

    package func auditSchema() async throws {
        try await perform { session in
            try self.audit(
                session, migrations: PostgresSchemaMigrations.all, upTo: PostgresSchemaMigrations.latestVersion)
        }
    }

    /// The schema audit of a database at a version this binary knows, in one snapshot: the
    /// version and the objects are of one moment, also while another host migrates.
    private func audit(_ session: PostgresSession, migrations: [Migration], upTo latest: Int) throws {
        try session.inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            guard let version = try PostgresSchemaMigrator.inspect(session, store: displayName), version <= latest
            else { return }
            try PostgresSchemaAudit.audit(session, version: version, migrations: migrations, store: displayName)
        }
    }

    package func close() async {
        _ = try? await Self.offThePool { self.pool.closeAll() }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any ResultsReader) throws -> T) async throws -> T {
        try await perform { session in
            try session.inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                try body(PostgresReader(session: session))
            }
        }
    }

    /// Runs `body` in one read-committed transaction: all of it is stored, or none of it.
    ///
    /// The policy of the SQLite store: every commit survives a crash of sandbox-bench (the
    /// server has it), and a `durable` one also survives a crash of the server or the machine.
    /// The connections commit with `synchronous_commit = off` — a spec recorded mid-run does not
    /// wait for the disk, and a crash of the server can lose the last fraction of a second of
    /// such commits, never half of one — while the commits that close a run, set a baseline or
    /// store a decision or an import commit as the server is configured to (by default: the
    /// write-ahead log on disk, and with it every commit before them). On a busy host a synchronous commit costs milliseconds; a run
    /// makes one, not one per spec.
    ///
    /// A write is tried again after a connection failure only when it failed before its `COMMIT`
    /// was sent, unless `retry` says it is safe either way (see `PostgresResultsStore+Reconnect.swift`).
    func write<T: Sendable>(
        durable: Bool = false, retry: Retry = .unlessCommitSent,
        _ body: @escaping @Sendable (PostgresSession) throws -> T
    ) async throws -> T {
        try await perform(retry: retry) { session in
            try session.inTransaction {
                // The server's own setting (`on`, or stronger with a synchronous standby).
                if durable { try session.execute("SET LOCAL synchronous_commit TO DEFAULT") }
                return try body(session)
            }
        }
    }
}
