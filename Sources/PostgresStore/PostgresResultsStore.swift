import PostgresMigrations
import ResultsStore
import SQLStore

/// The results store in a PostgreSQL database: one history for a fleet of hosts. The store's
/// queries and writes are ``SQLResultsStore``'s; this module is the driver (``PostgresDatabase``).
package typealias PostgresResultsStore = SQLResultsStore<PostgresDatabase>

extension SQLResultsStore where Database == PostgresDatabase {
    /// How long a call is tried again after its connection failed: stated in the README.
    package static var defaultReconnectWindow: Duration { PostgresDatabase.defaultReconnectWindow }

    /// How long a statement waits for a lock another host holds.
    package static var lockTimeoutSeconds: Int { PostgresDatabase.lockTimeoutSeconds }

    package var location: PostgresLocation { database.location }

    /// Connects to the database `location` names, brings its schema up to date and, unless it is
    /// opened read-only, closes as `aborted` every `running` run of this host whose process is gone.
    /// An existing schema older than this binary's is refused unless `upgrade` (see ``PostgresDatabase/open``).
    package static func open(
        _ location: PostgresLocation, mode: PostgresDatabase.OpenMode = .createIfMissing,
        reconnectWindow: Duration = PostgresDatabase.defaultReconnectWindow, upgrade: Bool = false
    ) async throws -> PostgresResultsStore {
        try await open(
            location, mode: mode, migrator: SchemaMigrator(migrations: PostgresSchemaMigrations.all),
            reconnectWindow: reconnectWindow, upgrade: upgrade)
    }

    static func open(
        _ location: PostgresLocation, mode: PostgresDatabase.OpenMode = .createIfMissing, migrator: SchemaMigrator,
        reconnectWindow: Duration = PostgresDatabase.defaultReconnectWindow, upgrade: Bool = false
    ) async throws -> PostgresResultsStore {
        let database = try await PostgresDatabase.open(
            location, mode: mode, migrator: migrator, reconnectWindow: reconnectWindow, upgrade: upgrade)
        return try await PostgresResultsStore(opened: database, writable: mode != .readOnly)
    }
}
