import BenchModel
import CSQLite
import Foundation
import Migrations
import ResultsStore
import SQLStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The SQLite driver: one file, one connection shared behind a mutex, used on NIO's blocking
/// thread pool (libsqlite3 blocks).
///
/// Opening refuses what is not a sandbox-bench database before SQLite may write to it
/// (`DatabaseFile`), or whose schema is newer than this binary or holds what sandbox-bench did not
/// create (`SchemaAudit`), creates the file (and its folders) when asked to, and applies pending
/// migrations. Every transaction checks, when it starts and before it commits, that the path still
/// names the file and the write-ahead log it opened (`DatabaseFile.Identity`); when it does not,
/// the connection is detached (`SQLiteDatabase+Detachment.swift`) and every later call fails.
package final class SQLiteDatabase: SQLDatabase {
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
    /// Its write-ahead log (`-wal`), which SQLite finds by path: nil for a read-only store.
    let openedLog: DatabaseFile.Identity?
    /// Why the connection was detached from the path (`StoreError.databaseReplaced`), once it was.
    let detachment = Mutex<StoreError?>(nil)

    private init(path: String, mode: OpenMode, migrator: SchemaMigrator) throws {
        self.path = path
        self.migrator = migrator
        let connection =
            mode == .readOnly
            ? try Self.openReadOnlyConnection(path: path, migrator: migrator)
            : try Self.openConnection(path: path, mode: mode, migrator: migrator)
        self.connection = Mutex(connection)
        openedFile = mode == .readOnly ? nil : DatabaseFile.Identity(path: path)
        openedLog = mode == .readOnly ? nil : DatabaseFile.Identity(path: path + "-wal")
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    package static func open(path: String, mode: OpenMode, migrator: SchemaMigrator) async throws -> SQLiteDatabase {
        try await offTheCooperativePool { try SQLiteDatabase(path: path, mode: mode, migrator: migrator) }
    }

    /// Closes the connection; SQLite folds the write-ahead log into the file and removes it, so a
    /// command leaves nothing beside the database.
    package func close() async {
        _ = try? await offTheCooperativePool { self.connection.withLock { $0 = nil } }
    }

    /// The database file now at the path, opened afresh for writing; nil when there is none.
    package func reopened() async throws -> SQLiteDatabase? {
        do {
            return try await Self.open(path: path, mode: .existingOnly, migrator: migrator)
        } catch StoreError.noDatabase {
            return nil
        }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteSession) throws -> T) async throws -> T {
        try await offTheCooperativePool { try self.readSnapshot(body) }
    }

    /// `body` in an immediate transaction. Every commit survives a crash of the process; a durable
    /// one also survives a power loss (SQLite syncs the log, and with it every earlier commit).
    /// `retry` and `oneStatement` change nothing here: a file's connection cannot be lost, and
    /// every write checks the files' identity before it starts and before it commits.
    package func write<T: Sendable>(_ write: SQLWrite, _ body: @escaping @Sendable (SQLiteSession) throws -> T)
        async throws -> T
    {
        try await offTheCooperativePool {
            try self.withConnection { session in
                // Before anything: a stale connection starts nothing.
                try self.checkFilesAreTheOpenedOnes()
                return try session.inTransaction(.write(durable: write.durable)) {
                    let value = try body(session)
                    // Before the commit: a file deleted or replaced since the store opened it keeps nothing.
                    try self.checkFilesAreTheOpenedOnes()
                    return value
                }
            }
        }
    }

    package func auditSchema() async throws {
        try await offTheCooperativePool {
            try self.withConnection { session in
                try session.inTransaction(.snapshot) {
                    let version = try SchemaMigrator.currentVersion(session)
                    try SchemaAudit.audit(session, version: version, migrator: self.migrator, store: self.path)
                }
            }
        }
    }

    /// Runs `body` with the connection, turning SQLite's errors into `StoreError`s. A body that
    /// found the path naming other files detaches the connection (after its transaction was
    /// rolled back).
    func withConnection<T: Sendable>(_ body: (SQLiteSession) throws -> T) throws -> T {
        try connection.withLock { slot in
            guard let current = slot else { throw closedError() }
            do {
                return try body(SQLiteSession(connection: current))
            } catch let error as StoreError {
                if case .databaseReplaced(_, let change) = error { detach(&slot, change: change, error: error) }
                throw error
            } catch {
                throw StoreError.reading(error, path: path)
            }
        }
    }

    /// Why a call finds no connection: the store was closed, or detached from its path.
    func closedError() -> StoreError {
        detachment.withLock { $0 }
            ?? StoreError.backend(store: path, code: "closed", message: "the store was closed")
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
        // A file this user may not write (another user's): SQLite would open it read-only without a
        // word, and its first read would create `-wal` and `-shm` files of this user's beside it —
        // which a writer of another user could not open. Read as a reader does (no file created);
        // a write then fails as `StoreError.readOnly`.
        if state == .sqlite, access(path, W_OK) != 0, errno == EACCES || errno == EROFS {
            return try openReadOnlyConnection(path: path, migrator: migrator, upgrading: false)
        }
        do {
            let connection = try SQLiteConnection(path: path, create: mode == .createIfMissing)
            connection.setBusyTimeout(milliseconds: Int32(busyTimeoutSeconds * 1000))
            let session = SQLiteSession(connection: connection)
            // Refuse before anything writes: journal_mode=WAL alone would change the file header.
            // One read transaction: the version and the schema audited are of one moment, also
            // while another process migrates the database.
            try session.inTransaction(.snapshot) {
                let current = try migrator.version(of: session, store: path)
                // Before anything is written: a trigger that deletes what is inserted must not see a run.
                try SchemaAudit.audit(session, version: current, migrator: migrator, store: path)
            }
            try configure(connection)
            try migrator.migrate(session, store: path)
            return connection
        } catch {
            throw StoreError.reading(error, path: path)
        }
    }

    /// WAL lets readers work while a run is being written. synchronous=NORMAL makes a commit
    /// survive a crash of the process without waiting for the disk; the commits that close a
    /// run, set a baseline or store alerts ask for a sync (`SQLWrite.durable`), so that a
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
    /// The store's reading of an error on the SQLite database at `path`: SQLite's own, or a
    /// statement that did not answer as the schema promises; any other error (the body's own) as it is.
    static func reading(_ error: any Error, path: String) -> any Error {
        switch error {
        case let error as DatabaseError:
            return StoreError(error, path: path, busyTimeoutSeconds: SQLiteDatabase.busyTimeoutSeconds)
        case let error as SQLStoreError:
            return StoreError.damaged(store: path, message: error.message)
        default:
            return error
        }
    }

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
        case SQLITE_FULL:
            self = .diskFull(store: path)
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR, SQLITE_AUTH:
            self = .unwritable(store: path, reason: error.message)
        default:
            self = .backend(store: path, code: error.codeName, message: error.message)
        }
    }
}
