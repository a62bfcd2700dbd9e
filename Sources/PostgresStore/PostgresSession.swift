import Foundation
import Logging
import PostgresNIO
import ResultsStore

/// One leased connection, used synchronously on NIO's blocking thread pool: each statement waits
/// on postgres-nio's future there, never on an event loop thread and never on the cooperative pool.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// Which try of a call this is: 0 for the first, more after a connection failure (a write
    /// that finds its own earlier attempt committed takes it as done).
    var attempt = 0

    /// The rows `query` returns, readable by column name.
    func rows(_ query: PostgresQuery) throws -> [PostgresStoredRow] {
        try connection.query(query, logger: logger).wait().rows.map { PostgresStoredRow(row: $0.makeRandomAccess()) }
    }

    func firstRow(_ query: PostgresQuery) throws -> PostgresStoredRow? {
        try rows(query).first
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try connection.query(query, logger: logger).wait().metadata.rows ?? 0
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it. A failed rollback
    /// closes the connection, so that the pool never lends a connection inside a transaction.
    /// A connection that fails while its `COMMIT` is on the way throws `CommitOutcomeUnknown`:
    /// the server may have committed (only the answer was lost), and the call must not simply be
    /// repeated.
    func inTransaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try execute(PostgresQuery(unsafeSQL: begin))
        let value: T
        do {
            value = try body()
        } catch {
            rollback()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            if PostgresConnectionFailure.isTransient(error) {
                _ = try? connection.close().wait()
                throw CommitOutcomeUnknown(underlying: error)
            }
            rollback()
            throw error
        }
        return value
    }

    private func rollback() {
        do { try execute("ROLLBACK") } catch { _ = try? connection.close().wait() }
    }
}

/// A statement whose `$n` placeholders are numbered as values are bound, for SQL assembled from
/// optional conditions. Every value is a bound parameter.
struct StatementBuilder {
    private(set) var bindings = PostgresBindings()

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}

/// A row read by column name; a value of an unexpected type is the store's error.
struct PostgresStoredRow: StoredRow {
    let row: PostgresRandomAccessRow

    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try row[column].decode(T.self)
        } catch {
            throw PostgresValueError(column: column, expected: "\(T.self)")
        }
    }

    func text(_ column: String) throws -> String { try value(column) }
    func optionalText(_ column: String) throws -> String? { try value(column) }
    func int64(_ column: String) throws -> Int64 { try value(column) }
    func optionalInt64(_ column: String) throws -> Int64? { try value(column) }
    func double(_ column: String) throws -> Double { try value(column) }
    func optionalDouble(_ column: String) throws -> Double? { try value(column) }
    func bool(_ column: String) throws -> Bool { try value(column) }

    func invalid(_ column: String, expected: String) -> any Error {
        PostgresValueError(column: column, expected: expected)
    }
}

/// A column that did not hold what the schema promises.
struct PostgresValueError: Error {
    var column: String
    var expected: String
}

/// How times travel: the database holds timestamptz, the tool milliseconds (as SQLite keeps
/// them). A time is bound rounded to the millisecond and read back as whole milliseconds, so a
/// `Date` reads back from PostgreSQL exactly as it reads back from SQLite.
enum PostgresTimestamp {
    /// SQL for the milliseconds since 1970 of a timestamptz column.
    static func milliseconds(_ column: String) -> String { "round(extract(epoch FROM \(column)) * 1000)::int8" }

    /// The value to bind for `date`.
    static func parameter(_ date: Date) -> Date {
        PostgresStoredRow.date(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
}
