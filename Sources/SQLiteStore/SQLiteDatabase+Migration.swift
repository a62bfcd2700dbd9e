import Foundation
import Migrations
import ResultsStore
import SQLStore

/// `sandbox-bench migrate` on an SQLite file: its schema read without writing anything, and the
/// pending migrations applied (which any command that writes the file also does by itself).
extension SQLResultsStore where Database == SQLiteDatabase {
    /// The schema of the database at `path` against this binary's; nothing is written.
    package static func schemaStatus(path: String) async throws -> SchemaStatus {
        let migrator = SchemaMigrator(migrations: SchemaMigrations.all)
        return try await offTheCooperativePool {
            guard try DatabaseFile.inspect(path, forWriting: false) == .sqlite else {
                throw StoreError.noDatabase(store: path)
            }
            do {
                let connection = try SQLiteConnection(
                    path: path, access: .readOnly(immutable: !SQLiteDatabase.hasWriteAheadLog(path)))
                let session = SQLiteSession(connection: connection)
                return try session.inTransaction(.snapshot) { try migrator.status(of: session, store: path) }
            } catch let error as DatabaseError {
                throw StoreError(readOnly: error, path: path)
            }
        }
    }

    /// Applies the pending migrations of the existing database at `path`; returns those applied.
    package static func migrateSchema(path: String) async throws -> [SchemaStatus.Step] {
        let before = try await schemaStatus(path: path)
        let migrator = SchemaMigrator(migrations: SchemaMigrations.all)
        return try await offTheCooperativePool {
            let connection = try SQLiteDatabase.openConnection(path: path, mode: .existingOnly, migrator: migrator)
            let after = try SchemaMigrator.currentVersion(SQLiteSession(connection: connection))
            return before.pending.filter { $0.version <= after }
        }
    }
}
