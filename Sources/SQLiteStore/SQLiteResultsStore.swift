import Migrations
import ResultsStore
import SQLStore

/// The results store in one SQLite file: the embedded default. The store's queries and writes are
/// ``SQLResultsStore``'s; this module is the driver (``SQLiteDatabase``).
package typealias SQLiteResultsStore = SQLResultsStore<SQLiteDatabase>

extension SQLResultsStore where Database == SQLiteDatabase {
    /// How long a statement waits for another process's write lock.
    package static var busyTimeoutSeconds: Int { SQLiteDatabase.busyTimeoutSeconds }

    package var path: String { database.path }

    /// Opens (or creates) the database at `path`, brings its schema up to date and, unless it is
    /// opened read-only, closes as `aborted` every `running` run whose process is gone.
    package static func open(path: String, mode: SQLiteDatabase.OpenMode = .createIfMissing) async throws
        -> SQLiteResultsStore
    {
        try await open(path: path, mode: mode, migrator: SchemaMigrator(migrations: SchemaMigrations.all))
    }

    static func open(path: String, mode: SQLiteDatabase.OpenMode, migrator: SchemaMigrator) async throws
        -> SQLiteResultsStore
    {
        let database = try await SQLiteDatabase.open(path: path, mode: mode, migrator: migrator)
        return try await SQLiteResultsStore(opened: database, writable: mode != .readOnly)
    }
}
