import Migrations
import PostgresMigrations
import ResultsStore
import SQLStore

/// `sandbox-bench migrate` on a PostgreSQL database: its schema read in one snapshot, and the
/// pending migrations applied under the advisory lock, each in its own transaction — the one way,
/// with `--migrate`, that a shared database is upgraded.
extension SQLResultsStore where Database == PostgresDatabase {
    /// The schema of the database `location` names against this binary's; nothing is written.
    package static func schemaStatus(_ location: PostgresLocation) async throws -> SchemaStatus {
        let migrator = SchemaMigrator(migrations: PostgresSchemaMigrations.all)
        let database = PostgresDatabase.unopened(location, migrator: migrator)
        do {
            let status = try await database.perform(retry: .never) { session in
                try session.inTransaction(.snapshot) { try migrator.status(of: session, store: location.displayName) }
            }
            await database.close()
            return status
        } catch {
            await database.close()
            throw error
        }
    }

    /// Audits the schema and applies its pending migrations; returns those this call applied.
    package static func migrateSchema(_ location: PostgresLocation) async throws -> [SchemaStatus.Step] {
        let migrator = SchemaMigrator(migrations: PostgresSchemaMigrations.all)
        let database = PostgresDatabase.unopened(location, migrator: migrator)
        do {
            let applied = try await database.perform(retry: .never) { session in
                try database.auditBeforeWriting(session)
                let status = try migrator.status(of: session, store: location.displayName)
                let applied = try migrator.migrate(session, store: location.displayName, upgrade: true)
                return status.pending.filter { step in applied.contains { $0.version == step.version } }
            }
            await database.close()
            return applied
        } catch {
            await database.close()
            throw error
        }
    }
}
