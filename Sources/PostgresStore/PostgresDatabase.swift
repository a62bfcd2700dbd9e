import BenchModel
import Foundation
import Logging
import Migrations
import NIOCore
import NIOPosix
import PostgresMigrations
import PostgresNIO
import ResultsStore
import SQLStore

/// The PostgreSQL driver: one history for a fleet of hosts.
///
/// Opening connects, refuses a database whose schema is not sandbox-bench's, is newer than this
/// binary or holds what sandbox-bench did not create (`PostgresSchemaAudit`), and applies pending
/// migrations under an advisory lock (several hosts may start at once).
///
/// Every call runs on NIO's blocking thread pool with a connection of its own from a small pool,
/// waiting there on postgres-nio's futures: the cooperative pool is never blocked, and the
/// synchronous `ResultsReader` reads inside one REPEATABLE READ transaction, one snapshot.
package final class PostgresDatabase: SQLDatabase {
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
    let migrator: SchemaMigrator
    /// How long a call is tried again after its connection failed (see `PostgresDatabase+Reconnect.swift`).
    let reconnectWindow: Duration

    private init(location: PostgresLocation, migrator: SchemaMigrator, reconnectWindow: Duration) {
        self.location = location
        self.pool = ConnectionPool(location: location)
        self.migrator = migrator
        self.reconnectWindow = reconnectWindow
    }

    /// A database whose schema nothing checked yet: for `sandbox-bench migrate`.
    static func unopened(_ location: PostgresLocation, migrator: SchemaMigrator) -> PostgresDatabase {
        PostgresDatabase(location: location, migrator: migrator, reconnectWindow: defaultReconnectWindow)
    }

    /// The audit of a database about to be written: what a writing open checks.
    func auditBeforeWriting(_ session: PostgresSession) throws {
        try audit(session)
    }

    /// Connects to the database `location` names and brings its schema up to date. A server that
    /// is not there now is an error at once; one caught restarting, or that goes away later, is
    /// waited for, up to `reconnectWindow`.
    ///
    /// A database shared by a fleet is never upgraded by surprise: one whose schema is older than
    /// this binary's is refused (`StoreError.outdatedSchema`) unless `upgrade` is true (`migrate`,
    /// `--migrate`); an empty one gets the schema.
    package static func open(
        _ location: PostgresLocation, mode: OpenMode, migrator: SchemaMigrator, reconnectWindow: Duration,
        upgrade: Bool = false
    ) async throws -> PostgresDatabase {
        let database = PostgresDatabase(location: location, migrator: migrator, reconnectWindow: reconnectWindow)
        do {
            try await database.perform(opening: true) { session in
                // Before anything is written: a trigger that deletes what is inserted must not see a run.
                if mode != .readOnly { try database.audit(session) } else { try database.auditReads(session) }
                try migrator.migrate(session, store: location.displayName, upgrade: upgrade)
            }
            return database
        } catch {
            await database.close()
            throw error
        }
    }

    package func auditSchema() async throws {
        try await perform { session in try self.audit(session) }
    }

    /// The schema audit of a database at a version this binary knows, in one snapshot: the
    /// version and the objects are of one moment, also while another host migrates.
    private func audit(_ session: PostgresSession) throws {
        try session.inTransaction(.snapshot) {
            guard case .version(let version) = try SchemaMigrator.inspect(session) else { return }
            // A newer version is audited by what this binary knows, once it is known to be compatible.
            if version > migrator.latestVersion { _ = try migrator.version(of: session, store: displayName) }
            try PostgresSchemaAudit.audit(
                session, version: min(version, migrator.latestVersion), migrations: migrator.migrations,
                store: displayName, newer: version > migrator.latestVersion)
        }
    }

    /// A read-only open's audit: only what changes what a read sees, a table that inherits from one
    /// of sandbox-bench's and the columns of its tables (triggers and rules act on writes).
    private func auditReads(_ session: PostgresSession) throws {
        try session.inTransaction(.snapshot) {
            guard case .version(let version) = try SchemaMigrator.inspect(session) else { return }
            try PostgresSchemaAudit.auditReads(
                session, version: min(version, migrator.latestVersion), migrations: migrator.migrations,
                store: displayName, newer: version > migrator.latestVersion)
        }
    }

    package func close() async {
        _ = try? await offTheCooperativePool { self.pool.closeAll() }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await perform { session in try session.inTransaction(.snapshot) { try body(session) } }
    }

    /// Runs `body` in one read-committed transaction: all of it is stored, or none of it; with
    /// `oneStatement` and not durable, its one statement commits on its own.
    ///
    /// The policy of the SQLite store: every commit survives a crash of sandbox-bench (the
    /// server has it), and a `durable` one also survives a crash of the server or the machine.
    /// The connections commit with `synchronous_commit = off` — a spec recorded mid-run does not
    /// wait for the disk, and a crash of the server can lose the last fraction of a second of
    /// such commits, never half of one — while the commits that close a run, set a baseline or
    /// store a decision or an import commit as the server is configured to (by default: the
    /// write-ahead log on disk, and with it every commit before them). On a busy host a
    /// synchronous commit costs milliseconds; a run makes one, not one per spec.
    ///
    /// A write is tried again after a connection failure as `write.retry` allows (see
    /// `PostgresDatabase+Reconnect.swift`).
    package func write<T: Sendable>(_ write: SQLWrite, _ body: @escaping @Sendable (PostgresSession) throws -> T)
        async throws -> T
    {
        if write.oneStatement && !write.durable { return try await perform(retry: write.retry, body) }
        return try await perform(retry: write.retry) { session in
            try session.inTransaction(.write(durable: write.durable)) { try body(session) }
        }
    }
}
