import Foundation
import Migrations
import ResultsStore

/// Brings a database to the schema this binary knows: every pending migration of the dialect's
/// list, each in its own durable write transaction that reads the version again and records the
/// migration in `schema_migrations`, all under the dialect's migration lock — so that processes
/// (or hosts) opening a database at once apply each version once.
///
/// A database at a newer version is used when it stays compatible with this binary: the newest
/// migration applied records the oldest schema version whose binaries keep reading and writing it
/// (`compatible_from`, from schema version 7 on; see `Migration.isAdditive`).
package struct SchemaMigrator: Sendable {
    package let migrations: [Migration]

    /// The version that added `schema_migrations.compatible_from`.
    package static let compatibilityVersion = 7

    /// The migration after whose SQL, in its transaction, the binary chains the decisions stored
    /// before it (`SQLConnection.chainStoredDecisions`: SHA-256 is computed in Swift, not in SQL).
    package static let decisionChainMigration = "0008_decision_chain.sql"

    /// What `migrate --dry-run` prints for the work `decisionChainMigration` does beyond its SQL.
    static let decisionChainSentence =
        "-- then sandbox-bench chains each run's stored decisions in the order of their ids "
        + "(decisions.previous_id, previous_digest) and gives every run its head "
        + "(runs.decision_count, decision_head: SHA-256 computed by the binary, so apply this migration with "
        + "`sandbox-bench migrate`: without it every run would read as damaged)"

    package init(migrations: [Migration]) {
        self.migrations = migrations
    }

    package var latestVersion: Int { migrations.last?.version ?? 0 }

    package enum Inspection: Sendable, Equatable {
        /// No schema objects at all: a new or empty database.
        case blank
        case version(Int)
        /// Tables, but no `schema_migrations`: another program's database.
        case foreign
    }

    /// What the database holds, read without writing anything.
    package static func inspect<C: SQLConnection>(_ connection: C) throws -> Inspection {
        let objects = try connection.rows(connection.dialect.schemaObjects) {
            (type: try $0.text("type"), name: try $0.text("name"))
        }
        if objects.isEmpty { return .blank }
        guard objects.contains(where: { $0.type == "table" && $0.name == "schema_migrations" }) else {
            return .foreign
        }
        return .version(try currentVersion(connection))
    }

    package static func currentVersion<C: SQLConnection>(_ connection: C) throws -> Int {
        try connection.firstRow("SELECT coalesce(max(version), 0) AS version FROM schema_migrations") {
            try $0.int("version")
        } ?? 0
    }

    /// The `compatible_from` of the newest migration applied; nil when it recorded none (applied
    /// before version 7, or by a binary that did not know the column).
    package static func compatibleFrom<C: SQLConnection>(_ connection: C) throws -> Int? {
        try connection.firstRow(
            "SELECT compatible_from FROM schema_migrations ORDER BY version DESC LIMIT 1"
        ) { try $0.optionalInt64("compatible_from").map(Int.init) } ?? nil
    }

    /// The database's version, refusing one newer than this binary that is not compatible with it
    /// (`StoreError.newerSchema`) or another program's (`StoreError.foreignDatabase`); 0 for a blank one.
    package func version<C: SQLConnection>(of connection: C, store: String) throws -> Int {
        switch try Self.inspect(connection) {
        case .foreign:
            throw StoreError.foreignDatabase(store: store)
        case .version(let version) where version > latestVersion:
            let floor = try latestVersion >= Self.compatibilityVersion ? Self.compatibleFrom(connection) : nil
            guard let floor, floor <= latestVersion else {
                throw StoreError.newerSchema(
                    store: store, found: version, supported: latestVersion, compatibleFrom: floor)
            }
            return version
        case .version(let version):
            return version
        case .blank:
            return 0
        }
    }

    /// What `sandbox-bench migrate` reports: the database's version, and what would bring it up to date.
    package func status<C: SQLConnection>(of connection: C, store: String) throws -> SchemaStatus {
        let current = try version(of: connection, store: store)
        let floor = try current >= Self.compatibilityVersion ? Self.compatibleFrom(connection) : nil
        return SchemaStatus(
            store: store, version: current, latestVersion: latestVersion, compatibleFrom: floor,
            pending: migrations.filter { $0.version > current }.map {
                SchemaStatus.Step(
                    version: $0.version, name: $0.name, statements: statements(of: $0, dialect: connection.dialect))
            })
    }

    /// The statements that apply `migration`, in order, in one transaction: what `migrate --dry-run`
    /// prints (the time of the version row is the moment it is applied).
    package func statements<D: SQLDialect>(of migration: Migration, dialect: D) -> [String] {
        let name = migration.name.replacingOccurrences(of: "'", with: "''")
        let record =
            migration.version >= Self.compatibilityVersion
            ? "INSERT INTO schema_migrations (version, name, applied_at, compatible_from) "
                + "VALUES (\(migration.version), '\(name)', CURRENT_TIMESTAMP, "
                + "\(migrations.compatibleFrom(migration.version)))"
            : "INSERT INTO schema_migrations (version, name, applied_at) "
                + "VALUES (\(migration.version), '\(name)', CURRENT_TIMESTAMP)"
        let followUp = migration.name == Self.decisionChainMigration ? [Self.decisionChainSentence] : []
        return ["BEGIN", dialect.createVersionTable, migration.sql.trimmingCharacters(in: .whitespacesAndNewlines)]
            + followUp + [record, "COMMIT"]
    }

    /// Applies every migration above the database's version, up to `target` (default: the latest).
    /// Nothing is locked or written when the schema is current already: the common case. With
    /// `upgrade` false, a database that holds a schema older than `target` is refused
    /// (`StoreError.outdatedSchema`) and left unchanged; an empty one still gets the schema.
    /// Returns the migrations this call applied.
    @discardableResult
    package func migrate<C: SQLConnection>(
        _ connection: C, store: String, upTo target: Int? = nil, upgrade: Bool = true
    ) throws -> [Migration] {
        let target = target ?? latestVersion
        guard try version(of: connection, store: store) < target else { return [] }
        return try connection.withMigrationLock {
            let current = try version(of: connection, store: store)
            // Read under the lock: a version between 0 and the target seen before it may be an empty
            // database that another host, starting at the same moment, was giving the schema.
            if !upgrade, current > 0, current < target {
                throw StoreError.outdatedSchema(store: store, found: current, latest: target)
            }
            var applied: [Migration] = []
            for migration in migrations where migration.version > current && migration.version <= target {
                // A schema change waits for the disk, as the commits that close a run do.
                let done = try connection.inTransaction(.write(durable: true)) {
                    try connection.execute(SQL(verbatim: connection.dialect.createVersionTable))
                    guard try Self.currentVersion(connection) < migration.version else { return false }
                    try connection.executeScript(migration.sql)
                    if migration.name == Self.decisionChainMigration { try connection.chainStoredDecisions() }
                    if migration.version >= Self.compatibilityVersion {
                        try connection.execute(
                            """
                            INSERT INTO schema_migrations (version, name, applied_at, compatible_from)
                            VALUES (\(migration.version), \(migration.name), \(Date()), \
                            \(migrations.compatibleFrom(migration.version)))
                            """)
                    } else {
                        try connection.execute(
                            """
                            INSERT INTO schema_migrations (version, name, applied_at)
                            VALUES (\(migration.version), \(migration.name), \(Date()))
                            """)
                    }
                    return true
                }
                if done { applied.append(migration) }
            }
            return applied
        }
    }
}
