extension SQLiteConnection {
    enum TransactionKind: String {
        /// Takes the write lock at once, so that the transaction never fails half-way with
        /// SQLITE_BUSY because another connection started writing after it read.
        case immediate = "BEGIN IMMEDIATE"
        /// Reads a consistent snapshot; takes no lock until the first read.
        case deferred = "BEGIN DEFERRED"
    }

    /// Runs `body` in a transaction: committed when `body` returns, rolled back when `body`
    /// or the commit throws.
    func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try executeScript(kind.rawValue)
        let result: T
        do {
            result = try body()
            try executeScript("COMMIT")
        } catch {
            rollbackIfOpen()
            throw error
        }
        return result
    }

    private func rollbackIfOpen() {
        // SQLite may already have rolled back by itself (for example after SQLITE_FULL).
        guard !isAutocommit else { return }
        do {
            try executeScript("ROLLBACK")
        } catch {
            // Nothing better can be done: the connection stays in its transaction and the
            // next BEGIN fails with a clear error instead of committing partial work.
        }
    }
}
