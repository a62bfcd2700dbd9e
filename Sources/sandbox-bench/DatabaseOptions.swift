import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

/// `--db PATH|URL` and `--migrate`, shared by every command that reads or writes the results
/// database (``DatabaseLocationOption``).
struct DatabaseOptions: ParsableArguments {
    @OptionGroup var database: DatabaseLocationOption

    /// A PostgreSQL database is shared by a fleet: its schema is upgraded only when asked.
    @Flag(
        name: .customLong("migrate"),
        help: ArgumentHelp(
            "Upgrade a PostgreSQL database whose schema is older than this binary's before using it "
                + "(without it, such a database is refused: exit 3; `sandbox-bench migrate` upgrades it alone). "
                + "An SQLite file upgrades itself."))
    var upgradeSchema = false

    var location: StoreLocation { database.location }
    var namedBy: String? { database.namedBy }

    static func refuseMisspeltURL(_ location: StoreLocation, option: String) throws {
        try DatabaseLocationOption.refuseMisspeltURL(location, option: option)
    }

    /// Opens the database, runs `body` with it and closes it. A database file named explicitly
    /// that does not exist is bad input (exit 2), for every command that does not create one.
    func withStore<T>(_ access: StoreLocation.Access, _ body: (any ResultsStore) async throws -> T) async throws -> T {
        try await location.withStore(access, namedBy: namedBy, upgrade: upgradeSchema, body)
    }

    /// Like ``withStore(_:_:)``, but `body` gets nil when the default database does not exist yet
    /// ("no runs yet"); a database named explicitly must exist.
    func withStoreIfPresent<T>(_ access: StoreLocation.Access, _ body: ((any ResultsStore)?) async throws -> T)
        async throws -> T
    {
        try await location.withStoreIfPresent(access, namedBy: namedBy, upgrade: upgradeSchema, body)
    }
}
