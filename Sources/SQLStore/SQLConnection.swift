import Foundation
import ResultsStore

/// One connection to a database, used synchronously on NIO's blocking thread pool (the driver's
/// ``SQLDatabase`` lends it): statements with bound parameters, rows read by column name,
/// transactions. The store's queries and writes are written once against it.
package protocol SQLConnection {
    associatedtype Row: StoredRow & SendableMetatype
    associatedtype Dialect: SQLDialect

    var dialect: Dialect { get }

    /// Which try of a call this is: 0 for the first, more after a lost connection. A write that
    /// finds its own earlier attempt committed takes it as done.
    var attempt: Int { get }

    /// Runs a statement; returns the number of rows it inserted, changed or deleted.
    @discardableResult
    func execute(_ statement: SQL) throws -> Int

    /// The rows a statement returns, each read by `transform` while it is current.
    func rows<T>(_ statement: SQL, _ transform: (Row) throws -> T) throws -> [T]

    /// Runs a migration file, which may hold several statements and takes no parameters.
    func executeScript(_ script: String) throws

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func inTransaction<T>(_ kind: SQLTransaction, _ body: () throws -> T) throws -> T

    /// Inserts `rows` (values in the order of `columns`) into `table`, with one prepared statement.
    func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws

    /// Stores a spec's rows in the caller's transaction (see ``SpecRows``). The default writes
    /// them table by table; a driver whose round trips cost may do it in one statement.
    func insertSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date, requireRunning: Bool) throws -> SpecInsertion

    /// Runs `body` while holding the lock that lets one process at a time migrate the schema
    /// (PostgreSQL: an advisory lock). The default takes none: where each migration's write
    /// transaction locks the whole database (SQLite), that is the lock.
    func withMigrationLock<T>(_ body: () throws -> T) throws -> T
}

/// What a transaction is for.
package enum SQLTransaction: Sendable, Hashable {
    /// One consistent snapshot, read only.
    case snapshot
    /// A write: all of it is stored, or none of it. A `durable` one waits for the disk (and with
    /// it every commit before it); any other survives a crash of sandbox-bench, not of the machine.
    case write(durable: Bool)
}

extension SQLConnection {
    package func firstRow<T>(_ statement: SQL, _ transform: (Row) throws -> T) throws -> T? {
        try rows(statement, transform).first
    }

    package func withMigrationLock<T>(_ body: () throws -> T) throws -> T {
        try body()
    }

    package func insertSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date, requireRunning: Bool) throws
        -> SpecInsertion
    {
        try insertSpecTableByTable(rows, runID: runID, recordedAt: recordedAt, requireRunning: requireRunning)
    }
}
