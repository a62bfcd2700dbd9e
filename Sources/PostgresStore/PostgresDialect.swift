import SQLStore

/// PostgreSQL's spelling of what the store's statements leave open (see ``SQLDialect``).
///
/// Times are `timestamptz`, bound rounded to the millisecond and read back as whole milliseconds,
/// so a `Date` reads back from PostgreSQL exactly as from SQLite. Flags are booleans; a list is an
/// array parameter. Text is ordered by its bytes (`COLLATE "C"`), as SQLite orders it.
package struct PostgresDialect: SQLDialect {
    package func parameter(_ index: Int, holding value: SQLValue) -> String {
        switch value {
        case .integers: return "$\(index)::int8[]"
        case .texts: return "$\(index)::text[]"
        case .json: return "$\(index)::jsonb"
        default: return "$\(index)"
        }
    }

    package func member(_ expression: String, ofListIn parameter: String, list: SQLValue) -> String {
        "\(expression) = ANY(\(parameter))"
    }

    package func milliseconds(_ column: String) -> String { "round(extract(epoch FROM \(column)) * 1000)::int8" }

    package func byteOrder(_ expression: String) -> String { "\(expression) COLLATE \"C\"" }

    /// Hosts write at once: a run's row is locked by the writer that checks and changes it.
    package var rowLock: String { "FOR UPDATE" }

    package var createVersionTable: String {
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
            + "applied_at timestamptz NOT NULL)"
    }

    package var schemaObjects: SQL {
        """
        SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS type, table_name::text AS name
        FROM information_schema.tables WHERE table_schema = current_schema()
        """
    }

    /// A migration file as one statement: postgres-nio speaks the extended protocol, which takes
    /// one statement at a time, and PL/pgSQL runs a file's DDL and updates as they are.
    static func block(_ sql: String) -> String {
        "DO $sandbox_bench_migration$ BEGIN\n\(sql)\nEND $sandbox_bench_migration$"
    }

    /// 'SBNC', as SQLite's application_id: the key of the advisory lock migrations hold.
    static let migrationLockKey: Int64 = 1_396_854_339
}
