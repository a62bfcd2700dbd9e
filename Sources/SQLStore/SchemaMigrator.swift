import Foundation
import Migrations
import ResultsStore

/// Brings a database to the schema this binary knows: every pending migration of the dialect's
/// list, each in its own durable write transaction that reads the version again and records the
/// migration in `schema_migrations`, all under the dialect's migration lock — so that processes
/// (or hosts) opening a database at once apply each version once.
package struct SchemaMigrator: Sendable {
    package let migrations: [Migration]

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

    /// The database's version, refusing one newer than this binary (`StoreError.newerSchema`)
    /// or another program's (`StoreError.foreignDatabase`); 0 for a blank one.
    package func version<C: SQLConnection>(of connection: C, store: String) throws -> Int {
        switch try Self.inspect(connection) {
        case .foreign:
            throw StoreError.foreignDatabase(store: store)
        case .version(let version) where version > latestVersion:
            throw StoreError.newerSchema(store: store, found: version, supported: latestVersion)
        case .version(let version):
            return version
        case .blank:
            return 0
        }
    }

    /// Applies every migration above the database's version, up to `target` (default: the latest).
    /// Nothing is locked or written when the schema is current already: the common case.
    package func migrate<C: SQLConnection>(_ connection: C, store: String, upTo target: Int? = nil) throws {
        let target = target ?? latestVersion
        guard try version(of: connection, store: store) < target else { return }
        try connection.withMigrationLock {
            let current = try version(of: connection, store: store)
            for migration in migrations where migration.version > current && migration.version <= target {
                // A schema change waits for the disk, as the commits that close a run do.
                try connection.inTransaction(.write(durable: true)) {
                    try connection.execute(SQL(verbatim: connection.dialect.createVersionTable))
                    guard try Self.currentVersion(connection) < migration.version else { return }
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        """
                        INSERT INTO schema_migrations (version, name, applied_at)
                        VALUES (\(migration.version), \(migration.name), \(Date()))
                        """)
                }
            }
        }
    }
}
