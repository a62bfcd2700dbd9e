import BenchModel
import Foundation
import Logging
import PostgresNIO
import ResultsStore
import SQLStore

/// One leased connection as the store's statements use it (``SQLConnection``), used
/// synchronously on NIO's blocking thread pool: each statement waits on postgres-nio's future
/// there, never on an event loop thread and never on the cooperative pool.
package struct PostgresSession: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    package var attempt = 0
    /// How long each statement waits for its answer (``PostgresDeadlines/statement``).
    var deadline: Duration = PostgresDeadlines().statement

    package var dialect: PostgresDialect { PostgresDialect() }

    @discardableResult
    package func execute(_ statement: SQL) throws -> Int {
        try run(query(statement))
    }

    package func rows<T>(_ statement: SQL, _ transform: (PostgresStoredRow) throws -> T) throws -> [T] {
        try fetch(query(statement)).map(transform)
    }

    package func executeScript(_ script: String) throws {
        try run(PostgresQuery(unsafeSQL: PostgresDialect.block(script)))
    }

    /// Rows one statement each: only imports of other drivers' shape come here (a spec is stored
    /// in one statement, `PostgresSession+SpecStatement.swift`).
    package func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        for row in rows {
            try execute(
                SQL(verbatim: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (")
                    + SQL.joined(row.map { SQL(pieces: [.value($0)]) }, separator: ", ") + ")")
        }
    }

    /// Holds a session-level advisory lock: hosts that open the database at once take turns.
    package func withMigrationLock<T>(_ body: () throws -> T) throws -> T {
        try run(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(\(PostgresDialect.migrationLockKey))"))
        defer {
            _ = try? run(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresDialect.migrationLockKey))"))
        }
        return try body()
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it. A snapshot is
    /// REPEATABLE READ READ ONLY; a durable write commits as the server is configured to (the
    /// connections commit with `synchronous_commit = off` otherwise, see `ConnectionPool`). A
    /// failed rollback closes the connection, so that the pool never lends a connection inside a
    /// transaction. A connection that fails while its `COMMIT` is on the way throws
    /// `CommitOutcomeUnknown`: the server may have committed (only the answer was lost), and the
    /// call must not simply be repeated.
    package func inTransaction<T>(_ kind: SQLTransaction, _ body: () throws -> T) throws -> T {
        switch kind {
        case .snapshot: try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        case .write(let durable):
            try run("BEGIN")
            // The server's own setting (`on`, or stronger with a synchronous standby).
            if durable { try run("SET LOCAL synchronous_commit TO DEFAULT") }
        }
        let value: T
        do {
            value = try body()
        } catch {
            rollback()
            throw error
        }
        do {
            try run("COMMIT")
        } catch {
            if PostgresConnectionFailure.isTransient(error) {
                connection.closeSoon()
                throw CommitOutcomeUnknown(underlying: error)
            }
            rollback()
            throw error
        }
        return value
    }

    private func rollback() {
        do { try run("ROLLBACK") } catch { connection.closeSoon() }
    }

    /// The rows `query` returns, readable by column name.
    func fetch(_ query: PostgresQuery) throws -> [PostgresStoredRow] {
        try answer(query).rows.map { PostgresStoredRow(row: $0.makeRandomAccess()) }
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> Int {
        try answer(query).metadata.rows ?? 0
    }

    /// The server's answer to `query`, waited for at most `deadline`: a server that stopped
    /// answering closes the connection (`PostgresDeadlineExceeded`, a connection failure).
    ///
    /// A connection the server closed — a restart ends every session with 57P01 between two
    /// statements of a transaction — fails the statement at once (`PostgresConnectionClosed`):
    /// postgres-nio leaves a query sent on such a connection unanswered, so without this the
    /// call would wait out the statement deadline for a server that is long back.
    private func answer(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let connection = connection
        guard !connection.isClosed else { throw PostgresConnectionClosed() }
        return try connection.query(query, logger: logger).wait(
            within: deadline, .statement, failingWhenClosed: { connection.isClosed },
            expired: { _ in connection.closeSoon() })
    }

    /// `statement` in PostgreSQL's text, its values bound as PostgreSQL's types.
    func query(_ statement: SQL) -> PostgresQuery {
        let (text, values) = dialect.render(statement)
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text), .json(let text): bindings.append(text)
            case .bool(let flag): bindings.append(flag)
            case .timestamp(let date):
                bindings.append(Date(timeIntervalSince1970: Double(SQLValue.milliseconds(of: date)) / 1000))
            case .integers(let list): bindings.append(list)
            case .texts(let list): bindings.append(list)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}

extension PostgresConnection {
    /// Closes the connection without waiting for the server, which may not answer; the
    /// connection stays alive until its close completes (postgres-nio insists on that).
    func closeSoon() {
        close().whenComplete { _ in withExtendedLifetime(self) {} }
    }
}

/// A row read by column name; a value of an unexpected type is the store's error.
package struct PostgresStoredRow: StoredRow, SendableMetatype {
    let row: PostgresRandomAccessRow

    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try row[column].decode(T.self)
        } catch {
            throw PostgresValueError(column: column, expected: "\(T.self)")
        }
    }

    package func text(_ column: String) throws -> String { try value(column) }
    package func optionalText(_ column: String) throws -> String? { try value(column) }
    package func int64(_ column: String) throws -> Int64 { try value(column) }
    package func optionalInt64(_ column: String) throws -> Int64? { try value(column) }
    package func double(_ column: String) throws -> Double { try value(column) }
    package func optionalDouble(_ column: String) throws -> Double? { try value(column) }
    package func bool(_ column: String) throws -> Bool { try value(column) }

    package func invalid(_ column: String, expected: String) -> any Error {
        PostgresValueError(column: column, expected: expected)
    }
}

/// A column that did not hold what the schema promises.
struct PostgresValueError: Error {
    var column: String
    var expected: String
}
