import BenchModel
import CSQLite
import Foundation
import NIOCore
import NIOPosix
import ResultsStore
import Synchronization

/// The results store in one SQLite file: the embedded default.
///
/// Opening it creates the file (and its folders) when asked to, refuses files that are not a
/// sandbox-bench database or whose schema is newer than this binary, applies pending
/// migrations, and closes as `aborted` every `running` run whose process is gone.
///
/// libsqlite3 blocks, so every call runs on NIO's blocking thread pool, never on the
/// cooperative pool; one connection is shared behind a mutex.
package final class SQLiteResultsStore: ResultsStore {
    package enum OpenMode: Sendable {
        /// Create the database (and its folders) when it does not exist: for commands that write runs.
        case createIfMissing
        /// Fail with `StoreError.noDatabase` when there is no database: for commands that change an existing one.
        case existingOnly
        /// Read an existing database without writing anything, also where this user may write
        /// neither the file nor its folder: for commands that only read. A `running` run whose
        /// process is gone stays as stored until a command that writes closes it.
        case readOnly
    }

    package let path: String
    package var displayName: String { path }
    /// How long a statement waits for another process's write lock.
    package static let busyTimeoutSeconds = 5

    /// Nil once closed.
    let connection: Mutex<SQLiteConnection?>
    let migrator: SchemaMigrator
    /// The file the store writes to, as it was when opened for writing; nil for a read-only store.
    let openedFile: DatabaseFile.Identity?

    private init(path: String, mode: OpenMode, migrator: SchemaMigrator) throws {
        self.path = path
        self.migrator = migrator
        let connection =
            mode == .readOnly
            ? try Self.openReadOnlyConnection(path: path, migrator: migrator)
            : try Self.openConnection(path: path, mode: mode, migrator: migrator)
        self.connection = Mutex(connection)
        openedFile = mode == .readOnly ? nil : DatabaseFile.Identity(path: path)
    }

    /// Opens (or creates) the database at `path`.
    package static func open(path: String, mode: OpenMode = .createIfMissing) async throws -> SQLiteResultsStore {
        try await open(path: path, mode: mode, migrator: SchemaMigrator())
    }

    static func open(path: String, mode: OpenMode, migrator: SchemaMigrator) async throws -> SQLiteResultsStore {
        try await offThePool {
            let store = try SQLiteResultsStore(path: path, mode: mode, migrator: migrator)
            if mode != .readOnly { try store.abortRunsOfGoneProcesses() }
            return store
        }
    }

    /// Runs `body` on NIO's blocking thread pool and waits for it. The wait ignores cancellation on
    /// purpose: an interrupted run must still be stored as aborted, and a write already begun
    /// finishes in milliseconds.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any(), body)
            .get()
    }

    /// Closes the connection; SQLite folds the write-ahead log into the file and removes it, so a
    /// command leaves nothing beside the database.
    package func close() async {
        _ = try? await Self.offThePool { self.connection.withLock { $0 = nil } }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any ResultsReader) throws -> T) async throws -> T {
        try await Self.offThePool { try self.readSnapshot(body) }
    }

    /// Runs `body` with the connection on the blocking thread pool, turning SQLite's errors into `StoreError`s.
    func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await Self.offThePool { try self.withConnection(body) }
    }

    /// Runs `body` in an immediate transaction on the blocking thread pool: all of it is stored, or
    /// none of it. Every commit survives a crash of the process; a `durable` one also survives a
    /// power loss (SQLite syncs the log to disk, and with it every earlier commit).
    func write<T: Sendable>(durable: Bool = false, _ body: @escaping @Sendable (SQLiteConnection) throws -> T)
        async throws -> T
    {
        try await perform { connection in
            try Self.write(connection, durable: durable) { connection in
                let value = try body(connection)
                // Before the commit: a file deleted or replaced since the store opened it keeps nothing.
                try self.checkFileIsTheOpenedOne()
                return value
            }
        }
    }

    /// Throws `StoreError.databaseReplaced` when the file at the store's path is no longer the
    /// one it opened: one `stat`, cheap enough for every commit.
    func checkFileIsTheOpenedOne() throws {
        guard let openedFile, DatabaseFile.Identity(path: path) != openedFile else { return }
        throw StoreError.databaseReplaced(store: path)
    }

    package func auditSchema() async throws {
        try await perform { connection in
            try connection.inTransaction(.deferred) {
                let version = try SchemaMigrator.currentVersion(connection)
                try SchemaAudit.audit(connection, version: version, migrator: self.migrator, store: self.path)
            }
        }
    }

    static func write<T: Sendable>(
        _ connection: SQLiteConnection, durable: Bool, _ body: (SQLiteConnection) throws -> T
    ) throws -> T {
        guard durable else { return try connection.inTransaction(.immediate) { try body(connection) } }
        try connection.executeScript("PRAGMA synchronous = FULL")
        defer { try? connection.executeScript("PRAGMA synchronous = NORMAL") }
        return try connection.inTransaction(.immediate) { try body(connection) }
    }

    func withConnection<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try connection.withLock { connection in
            guard let connection else {
                throw StoreError.backend(store: path, code: "closed", message: "the store was closed")
            }
            do {
                return try body(connection)
            } catch let error as DatabaseError {
                throw StoreError(error, path: path, busyTimeoutSeconds: Self.busyTimeoutSeconds)
            }
        }
    }

    static func openConnection(path: String, mode: OpenMode, migrator: SchemaMigrator) throws -> SQLiteConnection {
        let state = try DatabaseFile.inspect(path)
        if state == .missing {
            guard mode == .createIfMissing else { throw StoreError.noDatabase(store: path) }
            try DatabaseFile.createParentDirectory(of: path)
        }
        // A file of zero bytes holds no results: a command that changes an existing database
        // refuses it as it refuses a missing one, and leaves it as it is.
        if state == .empty, mode == .existingOnly { throw StoreError.noDatabase(store: path) }
        do {
            let connection = try SQLiteConnection(path: path, create: mode == .createIfMissing)
            connection.setBusyTimeout(milliseconds: Int32(busyTimeoutSeconds * 1000))
            // Refuse before anything writes: journal_mode=WAL alone would change the file header.
            // One read transaction: the version and the schema audited are of one moment, also
            // while another process migrates the database.
            let current: Int = try connection.inTransaction(.deferred) {
                let current: Int
                switch try SchemaMigrator.inspect(connection) {
                case .foreign:
                    throw StoreError.foreignDatabase(store: path)
                case .version(let version) where version > migrator.latestVersion:
                    throw StoreError.newerSchema(store: path, found: version, supported: migrator.latestVersion)
                case .version(let version):
                    current = version
                case .blank:
                    current = 0
                }
                // Before anything is written: a trigger that deletes what is inserted must not see a run.
                try SchemaAudit.audit(connection, version: current, migrator: migrator, store: path)
                return current
            }
            try configure(connection)
            try migrator.migrate(connection, from: current)
            return connection
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, busyTimeoutSeconds: busyTimeoutSeconds)
        }
    }

    /// WAL lets readers work while a run is being written. synchronous=NORMAL makes a commit
    /// survive a crash of the process without waiting for the disk; the commits that close a
    /// run, set a baseline or store alerts ask for a sync (`write(durable:)`), so that a
    /// finished run also survives a power loss.
    private static func configure(_ connection: SQLiteConnection) throws {
        let journalMode = try connection.firstRow("PRAGMA journal_mode = WAL") { try $0.text("journal_mode") }
        guard journalMode?.lowercased() == "wal" else {
            throw DatabaseError(
                extendedResultCode: SQLITE_ERROR,
                message: "the database could not switch to WAL mode (it reports \(journalMode ?? "nothing"))", sql: nil)
        }
        try connection.executeScript("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
    }
}

extension StoreError {
    /// The store's reading of an SQLite error on the database at `path`.
    init(_ error: DatabaseError, path: String, busyTimeoutSeconds: Int) {
        switch error.resultCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            self = .busy(store: path, timeoutSeconds: busyTimeoutSeconds)
        case SQLITE_NOTADB:
            self = .notADatabase(store: path)
        case SQLITE_CORRUPT:
            self = .damaged(store: path, message: error.message)
        case SQLITE_READONLY:
            self = .readOnly(store: path)
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR, SQLITE_FULL, SQLITE_AUTH:
            self = .unwritable(store: path, reason: error.message)
        default:
            self = .backend(store: path, code: error.codeName, message: error.message)
        }
    }
}
