import Migrations
import PostgresMigrations
import PostgresNIO
import ResultsStore

/// Brings a PostgreSQL database to the schema this binary knows, one migration per transaction,
/// each recorded in `schema_migrations`. Hosts that start at once take turns through a
/// session-level advisory lock; each one reads the version again once it holds the lock.
struct PostgresSchemaMigrator {
    let migrations: [Migration]

    init(migrations: [Migration] = PostgresSchemaMigrations.all) {
        self.migrations = migrations
    }

    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// 'SBNC', as SQLite's application_id: the key of the advisory lock migrations hold.
    static let lockKey: Int64 = 1_396_854_339

    static let createVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"

    func migrate(_ session: PostgresSession, store: String) throws {
        // Nothing is locked or written when the schema is current already: the common case.
        if let current = try Self.inspect(session, store: store), current >= latestVersion {
            guard current == latestVersion else {
                throw StoreError.newerSchema(store: store, found: current, supported: latestVersion)
            }
            return
        }
        try session.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? session.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        let current = try Self.inspect(session, store: store) ?? 0
        guard current <= latestVersion else {
            throw StoreError.newerSchema(store: store, found: current, supported: latestVersion)
        }
        for migration in migrations where migration.version > current {
            try session.inTransaction {
                // A schema change commits as the server is configured to, as the commits that close a run do.
                try session.execute("SET LOCAL synchronous_commit TO DEFAULT")
                try session.execute(PostgresQuery(unsafeSQL: Self.createVersionTable))
                try session.execute(PostgresQuery(unsafeSQL: Self.block(migration.sql)))
                try session.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(migration.version), \(migration.name), now())"
                )
            }
        }
    }

    /// A migration file as one statement: postgres-nio speaks the extended protocol, which takes
    /// one statement at a time, and PL/pgSQL runs a file's DDL and updates as they are.
    static func block(_ sql: String) -> String {
        "DO $sandbox_bench_migration$ BEGIN\n\(sql)\nEND $sandbox_bench_migration$"
    }

    /// The schema version; nil for a database without tables in its schema; refuses a database
    /// whose tables are another program's.
    static func inspect(_ session: PostgresSession, store: String) throws -> Int? {
        let tables = try session.rows(
            "SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).map { try $0.text("table_name") }
        if tables.isEmpty { return nil }
        guard tables.contains("schema_migrations") else { throw StoreError.foreignDatabase(store: store) }
        return try session.firstRow("SELECT coalesce(max(version), 0)::int8 AS version FROM schema_migrations").map {
            try $0.int("version")
        } ?? 0
    }
}
