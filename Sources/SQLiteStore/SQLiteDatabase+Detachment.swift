import CSQLite
import ResultsStore

/// A database whose path stops naming the files the store opened.
///
/// SQLite finds a database's write-ahead log (`-wal`) and its index (`-shm`) by the database's
/// path, not through the file it opened. When the database file is deleted, moved away or
/// replaced (a copy renamed over it by a backup or sync tool, a restored backup) while a
/// connection has it open, the log at the path is still this connection's: any connection that
/// opens the path reads its frames together with the new file — a run shown `running` in a file
/// that never held it, or a damaged database when the new file is another one — and the
/// connection's close would fold them into, or delete, files the path now names. So a
/// transaction that finds the path changed (``pathChange()``) detaches the connection:
///
/// - The connection keeps its log and index when it closes (`SQLITE_FCNTL_PERSIST_WAL`): nothing
///   is deleted by path.
/// - A database file deleted or replaced: its committed frames are copied into the file it opened
///   (wherever that is now: a folder renamed keeps the whole database), and its log is emptied,
///   so that no file at the path reads them.
/// - A log deleted under the connection: the database file is still at the path, and its
///   committed transactions are copied into it — unless another log is at the path already
///   (another connection writes through it, and copying would mix the two).
/// - A log replaced: nothing is copied.
///
/// Every later call then fails with the same `StoreError.databaseReplaced`.
extension SQLiteDatabase {
    /// What changed at the path since the store opened it for writing; nil when the path names the
    /// database file and the write-ahead log it opened, or for a store that only reads.
    func pathChange() -> StoreError.FileChange? {
        guard let openedFile else { return nil }
        guard let file = DatabaseFile.Identity(path: path) else { return .deleted }
        guard file == openedFile else { return .replaced }
        guard let openedLog else { return nil }
        guard let log = DatabaseFile.Identity(path: path + "-wal") else { return .logDeleted }
        return log == openedLog ? nil : .logReplaced
    }

    /// Throws `StoreError.databaseReplaced` when the path no longer names the files the store
    /// opened: two `stat`s, cheap enough for every transaction.
    func checkFilesAreTheOpenedOnes() throws {
        guard let change = pathChange() else { return }
        throw StoreError.databaseReplaced(store: path, change: change)
    }

    /// Detaches the connection in `slot` (outside any transaction) and closes it; `error` is what
    /// every later call fails with.
    func detach(_ slot: inout SQLiteConnection?, change: StoreError.FileChange, error: StoreError) {
        guard let connection = slot else { return }
        connection.keepWriteAheadLogOnClose()
        let copyFrames: Bool
        switch change {
        case .deleted, .replaced: copyFrames = true
        case .logDeleted: copyFrames = DatabaseFile.Identity(path: path + "-wal") == nil
        case .logReplaced: copyFrames = false
        }
        if copyFrames {
            // A failure (another process reading the log) leaves the frames where they are: nothing better can be done.
            try? connection.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        detachment.withLock { $0 = error }
        slot = nil
    }
}

extension SQLiteConnection {
    /// Keeps the write-ahead log and its index when the connection closes: SQLite would delete
    /// them by path, which may name another database's by then.
    func keepWriteAheadLogOnClose() {
        var keep: Int32 = 1
        _ = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &keep)
    }
}
