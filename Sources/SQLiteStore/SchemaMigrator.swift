import Migrations

/// Brings a database to the schema this binary knows, one migration per immediate
/// transaction, each recorded in `schema_migrations`.
struct SchemaMigrator {
    let migrations: [Migration]

    init(migrations: [Migration] = SchemaMigrations.all) {
        self.migrations = migrations
    }

    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Kept on one line, exactly as Tests/ResultsStoreTests/Fixtures/README.md creates it, so that
    /// fixture databases and new databases have the same schema text.
    static let createVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"

    enum Inspection: Equatable {
        /// No schema objects at all: a new or empty file.
        case blank
        case version(Int)
        /// Tables, but no `schema_migrations`: not ours.
        case foreign
    }

    /// What the database holds, read without writing anything.
    static func inspect(_ connection: SQLiteConnection) throws -> Inspection {
        let objectCount =
            try connection.firstRow("SELECT count(*) AS objects FROM sqlite_schema") { try $0.int("objects") } ?? 0
        if objectCount == 0 { return .blank }
        let hasVersionTable =
            try connection.firstRow(
                "SELECT count(*) AS tables FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
            ) { try $0.int("tables") } ?? 0
        guard hasVersionTable > 0 else { return .foreign }
        return .version(try currentVersion(connection))
    }

    static func currentVersion(_ connection: SQLiteConnection) throws -> Int {
        try connection.firstRow("SELECT coalesce(max(version), 0) AS version FROM schema_migrations") {
            try $0.int("version")
        } ?? 0
    }

    /// Applies every migration above the database's version. Each transaction reads the
    /// version again, so two processes opening a new database at once apply each migration once.
    func migrate(_ connection: SQLiteConnection, from current: Int, upTo target: Int? = nil) throws {
        let pending = migrations.filter { $0.version > current && $0.version <= (target ?? latestVersion) }
        for migration in pending {
            try connection.inTransaction(.immediate) {
                try connection.executeScript(Self.createVersionTable)
                guard try Self.currentVersion(connection) < migration.version else { return }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    [migration.version, migration.name])
            }
        }
    }
}
