import CSQLite
import Foundation
import ResultsStore
import SQLStore

#if canImport(Glibc)
    import Glibc
#endif

/// Reading a database this user may not write — the nightly job's results, read by anyone.
///
/// SQLite reads a WAL database through its `-shm` index, which a reader must be able to open or
/// create; in a folder it may not write, a plain read-only open of a database whose last writer
/// closed cleanly (no `-wal`, no `-shm`) fails. Without a `-wal` file the database file holds
/// every commit, so it is read as `immutable` (no locks, no `-shm`). A writer that starts during
/// such a read creates `-wal` first, and a checkpoint changes the file: either way the read is
/// done again through a regular read-only connection, which sees the writer's commits safely.
extension SQLiteDatabase {
    /// `upgrading`: an older schema is brought up to date by a writing open (which a writing open
    /// of a file this user may not write does not try again).
    static func openReadOnlyConnection(path: String, migrator: SchemaMigrator, upgrading: Bool = true) throws
        -> SQLiteConnection
    {
        guard try DatabaseFile.inspect(path, forWriting: false) == .sqlite else {
            throw StoreError.noDatabase(store: path)
        }
        do {
            let connection = try SQLiteConnection(path: path, access: .readOnly(immutable: !hasWriteAheadLog(path)))
            switch try SchemaMigrator.inspect(SQLiteSession(connection: connection)) {
            case .foreign, .blank:
                throw StoreError.foreignDatabase(store: path)
            case .version(let version) where version > migrator.latestVersion:
                // Refused unless a newer minor version of this binary's major one.
                _ = try migrator.version(of: SQLiteSession(connection: connection), store: path)
                return connection
            case .version(let version) where version < migrator.latestVersion:
                guard upgrading else { throw StoreError.readOnly(store: path) }
                return try upgrade(path: path, from: version, migrator: migrator)
            case .version:
                return connection
            }
        } catch let error as DatabaseError {
            throw StoreError(readOnly: error, path: path)
        }
    }

    /// An older schema is brought up to date once, by a writing open, when this user may write
    /// the database; a reader that may not is told who can.
    private static func upgrade(path: String, from version: Int, migrator: SchemaMigrator) throws -> SQLiteConnection {
        do {
            _ = try openConnection(path: path, mode: .existingOnly, migrator: migrator)
        } catch let error as StoreError where error.concernsLocation {
            throw StoreError.unreadable(
                store: path,
                reason:
                    "its schema version \(version) is older than version \(migrator.latestVersion), and this user may not upgrade it; run a sandbox-bench command that writes it, as a user who may"
            )
        }
        do {
            return try SQLiteConnection(path: path, access: .readOnly(immutable: !hasWriteAheadLog(path)))
        } catch {
            throw StoreError(readOnly: error, path: path)
        }
    }

    /// One read transaction; on an immutable connection, checked afterwards not to have
    /// overlapped a writer, and done again through a regular read-only connection if it did.
    func readSnapshot<T: Sendable>(_ body: @Sendable (SQLiteSession) throws -> T) throws -> T {
        try connection.withLock { slot in
            guard let current = slot else { throw closedError() }
            if let change = pathChange() {
                let error = StoreError.databaseReplaced(store: path, change: change)
                detach(&slot, change: change, error: error)
                throw error
            }
            guard current.access == .readOnly(immutable: true) else { return try read(current, body) }
            let before = FileSignature(path)
            let outcome = Result {
                try current.inTransaction(.deferred) { try body(SQLiteSession(connection: current)) }
            }
            guard Self.hasWriteAheadLog(path) || FileSignature(path) != before else {
                return try outcome.mapError { Self.readOnlyError($0, path: path) }.get()
            }
            // A read that overlapped a writer may have failed as well as succeeded: read again, with locks.
            let regular: SQLiteConnection
            do {
                regular = try SQLiteConnection(path: path, access: .readOnly(immutable: false))
            } catch {
                throw StoreError(readOnly: error, path: path)
            }
            regular.setBusyTimeout(milliseconds: Int32(Self.busyTimeoutSeconds * 1000))
            slot = regular
            return try read(regular, body)
        }
    }

    private func read<T: Sendable>(_ connection: SQLiteConnection, _ body: @Sendable (SQLiteSession) throws -> T)
        throws -> T
    {
        do {
            return try connection.inTransaction(.deferred) { try body(SQLiteSession(connection: connection)) }
        } catch {
            if case .readOnly = connection.access { throw Self.readOnlyError(error, path: path) }
            throw StoreError.reading(error, path: path)
        }
    }

    /// An error of a read-only connection as the store reports it; the body's own errors as they are.
    private static func readOnlyError(_ error: any Error, path: String) -> any Error {
        error is DatabaseError ? StoreError(readOnly: error, path: path) : StoreError.reading(error, path: path)
    }

    static func hasWriteAheadLog(_ path: String) -> Bool {
        access(path + "-wal", F_OK) == 0
    }

    /// What changes when a writer commits into the file: its size, modification time and inode.
    private struct FileSignature: Equatable {
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var size: Int64 = 0
        var modified = timespec()

        init(_ path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = status.st_mtim
        }

        static func == (a: FileSignature, b: FileSignature) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
                && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }
}

extension StoreError {
    /// The store's reading of an SQLite error on a database opened for reading only: a file that
    /// cannot be opened is unreadable here, not unwritable.
    init(readOnly error: any Error, path: String) {
        guard let error = error as? DatabaseError else {
            self = error as? StoreError ?? .unreadable(store: path, reason: "\(error)")
            return
        }
        switch error.resultCode {
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR, SQLITE_AUTH, SQLITE_READONLY:
            self = .unreadable(store: path, reason: error.message)
        default:
            self.init(error, path: path, busyTimeoutSeconds: SQLiteDatabase.busyTimeoutSeconds)
        }
    }
}
