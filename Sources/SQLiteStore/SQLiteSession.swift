import CSQLite
import ResultsStore
import SQLStore

/// An SQLite connection as the store's statements use it (``SQLConnection``): each statement
/// rendered in ``SQLiteDialect`` and prepared once per connection (cached by its text), its
/// values bound as SQLite's types, rows read by column name.
package struct SQLiteSession: SQLConnection {
    let connection: SQLiteConnection

    package var dialect: SQLiteDialect { SQLiteDialect() }

    /// An SQLite connection is a file: it cannot be lost and tried again.
    package var attempt: Int { 0 }

    @discardableResult
    package func execute(_ statement: SQL) throws -> Int {
        let (text, values) = dialect.render(statement)
        try connection.execute(text, values.map(Self.bound))
        return connection.changes
    }

    package func rows<T>(_ statement: SQL, _ transform: (Row) throws -> T) throws -> [T] {
        let (text, values) = dialect.render(statement)
        return try connection.rows(text, values.map(Self.bound), transform)
    }

    package func executeScript(_ script: String) throws {
        try connection.executeScript(script)
    }

    package func inTransaction<T>(_ kind: SQLTransaction, _ body: () throws -> T) throws -> T {
        switch kind {
        case .snapshot:
            return try connection.inTransaction(.deferred, body)
        case .write(durable: false):
            return try connection.inTransaction(.immediate, body)
        case .write(durable: true):
            // The log is synced at this commit, and with it every commit before it.
            try connection.executeScript("PRAGMA synchronous = FULL")
            defer { try? connection.executeScript("PRAGMA synchronous = NORMAL") }
            return try connection.inTransaction(.immediate, body)
        }
    }

    /// One prepared statement, bound and stepped once per row.
    package func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard let first = rows.first else { return }
        let holdsTimes = rows.contains { $0.contains { if case .timestamp = $0 { true } else { false } } }
        guard !holdsTimes else {
            // A time needs its conversion around its parameter: each row is a statement of its own.
            for row in rows {
                try execute(
                    SQL(verbatim: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (")
                        + SQL.joined(row.map { SQL(pieces: [.value($0)]) }, separator: ", ") + ")")
            }
            return
        }
        let placeholders = first.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let statement = try connection.statement(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        for row in rows { try statement.execute(row.map(Self.bound)) }
    }

    /// A value as SQLite stores it: a flag as 0 or 1, a time as seconds (which the statement turns
    /// into its text), a list or a JSON document as text.
    static func bound(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .real(let real): return .real(real)
        case .text(let text), .json(let text): return .text(text)
        case .bool(let flag): return .integer(flag ? 1 : 0)
        // Rounded to the millisecond first, as PostgreSQL's binding is: SQLite's own conversion of
        // a fraction of a millisecond could land on the neighbouring one.
        case .timestamp(let date): return .real(Double(SQLValue.milliseconds(of: date)) / 1000)
        case .integers, .texts: return .text(value.jsonArray ?? "[]")
        }
    }
}

extension Row: StoredRow {
    /// SQLITE_CORRUPT, so that the store reports a value it cannot read as damage, as PostgreSQL's does.
    package func invalid(_ column: String, expected: String) -> any Error {
        DatabaseError(extendedResultCode: SQLITE_CORRUPT, message: "\(column) does not hold \(expected)", sql: nil)
    }
}
