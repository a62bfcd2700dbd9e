import SQLStore

/// SQLite's spelling of what the store's statements leave open (see ``SQLDialect``).
///
/// Times are stored as UTC text with milliseconds ('2025-11-26T15:34:00.123Z', readable in the
/// `sqlite3` shell and ordered as text): a time is bound as seconds since 1970 and turned into that
/// text by SQLite, and read back as milliseconds through `julianday`, so a `Date` round-trips to
/// the millisecond. Flags are 0 and 1; a list is a JSON array read by `json_each`.
package struct SQLiteDialect: SQLDialect {
    package func parameter(_ index: Int, holding value: SQLValue) -> String {
        guard case .timestamp = value else { return "?\(index)" }
        return "strftime('%Y-%m-%dT%H:%M:%fZ', ?\(index), 'unixepoch')"
    }

    package func member(_ expression: String, ofListIn parameter: String, list: SQLValue) -> String {
        "\(expression) IN (SELECT value FROM json_each(\(parameter)))"
    }

    package func milliseconds(_ column: String) -> String {
        "CAST(round((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)"
    }

    /// SQLite's default collation (BINARY) compares bytes already.
    package func byteOrder(_ expression: String) -> String { expression }

    /// A write transaction is `BEGIN IMMEDIATE`: it holds the database's write lock from its start.
    package var rowLock: String { "" }

    /// Kept on one line, exactly as Tests/ResultsStoreTests/Fixtures/README.md creates it, so that
    /// fixture databases and new databases have the same schema text (which `SchemaAudit` compares).
    package var createVersionTable: String {
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            + "applied_at TEXT NOT NULL)"
    }

    package var schemaObjects: SQL { "SELECT type, name FROM sqlite_schema" }
}
