import BenchModel
import CSQLite
import Foundation
import Synchronization

/// The results database: every run, every sample, baselines and alerts, in one SQLite file.
///
/// Opening it creates the file (and its folders) when needed, refuses files that are not a
/// sandbox-bench database or whose schema is newer than this binary, applies pending
/// migrations, and closes as `aborted` every `running` run whose process is gone.
/// All operations are synchronous and short; one connection is shared behind a mutex.
public final class ResultsDatabase: Sendable {
    public enum OpenMode: Sendable {
        /// Create the database (and its folders) when it does not exist: for commands that write runs.
        case createIfMissing
        /// Fail with `StoreError.noDatabase` when there is no database: for commands that read.
        case existingOnly
    }

    public let path: String
    /// How long a statement waits for another process's write lock.
    public static let busyTimeoutSeconds = 5

    private let connection: Mutex<SQLiteConnection>

    public convenience init(path: String, mode: OpenMode = .createIfMissing) throws {
        try self.init(path: path, mode: mode, migrator: SchemaMigrator())
    }

    init(path: String, mode: OpenMode, migrator: SchemaMigrator) throws {
        self.path = path
        let connection = try Self.openConnection(path: path, mode: mode, migrator: migrator)
        self.connection = Mutex(connection)
        try abortRunsOfGoneProcesses()
    }

    /// Runs `body` with the connection, turning SQLite's errors into `StoreError`s.
    func withConnection<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try connection.withLock { connection in
            do {
                return try body(connection)
            } catch let error as DatabaseError {
                throw StoreError(error, path: path, busyTimeoutSeconds: Self.busyTimeoutSeconds)
            }
        }
    }

    /// Runs `body` in an immediate transaction: all of it is stored, or none of it. Every
    /// commit survives a crash of the process; a `durable` one also survives a power loss
    /// (SQLite syncs the log to disk, and with it every earlier commit).
    func write<T: Sendable>(durable: Bool = false, _ body: (SQLiteConnection) throws -> T) throws -> T {
        try withConnection { connection in
            guard durable else { return try connection.inTransaction(.immediate) { try body(connection) } }
            try connection.executeScript("PRAGMA synchronous = FULL")
            defer { try? connection.executeScript("PRAGMA synchronous = NORMAL") }
            return try connection.inTransaction(.immediate) { try body(connection) }
        }
    }

    /// Runs `body` in a deferred transaction, so that several queries see one snapshot.
    func read<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try withConnection { connection in try connection.inTransaction(.deferred) { try body(connection) } }
    }

    private static func openConnection(path: String, mode: OpenMode, migrator: SchemaMigrator) throws -> SQLiteConnection {
        let state = try DatabaseFile.inspect(path)
        if state == .missing {
            guard mode == .createIfMissing else { throw StoreError.noDatabase(path: path) }
            try DatabaseFile.createParentDirectory(of: path)
        }
        do {
            let connection = try SQLiteConnection(path: path, create: mode == .createIfMissing)
            connection.setBusyTimeout(milliseconds: Int32(busyTimeoutSeconds * 1000))
            // Refuse before anything writes: journal_mode=WAL alone would change the file header.
            let inspection = try SchemaMigrator.inspect(connection)
            let current: Int
            switch inspection {
            case .foreign:
                throw StoreError.foreignDatabase(path: path)
            case .version(let version) where version > migrator.latestVersion:
                throw StoreError.newerSchema(path: path, found: version, supported: migrator.latestVersion)
            case .version(let version):
                current = version
            case .blank:
                current = 0
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
        let journalMode = try connection.firstRow("PRAGMA journal_mode = WAL") { $0.text(0) }
        guard journalMode?.lowercased() == "wal" else {
            throw DatabaseError(
                extendedResultCode: SQLITE_ERROR, message: "the database could not switch to WAL mode (it reports \(journalMode ?? "nothing"))",
                sql: "PRAGMA journal_mode = WAL")
        }
        try connection.executeScript("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
    }
}
