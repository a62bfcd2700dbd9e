import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

/// `--db PATH|URL`, shared by every command that reads or writes the results database: an SQLite
/// file, or a PostgreSQL database shared by a fleet of hosts.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The results database: an SQLite file, or postgresql://USER@HOST[:PORT]/DB[?host=SOCKET_DIR] (default: \(StoreLocation.defaultDescription)).",
            valueName: "path|url"))
    var databasePath: String?

    /// A PostgreSQL database is shared by a fleet: its schema is upgraded only when asked.
    @Flag(
        name: .customLong("migrate"),
        help: ArgumentHelp(
            "Upgrade a PostgreSQL database whose schema is older than this binary's before using it "
                + "(without it, such a database is refused: exit 3; `sandbox-bench migrate` upgrades it alone). "
                + "An SQLite file upgrades itself."))
    var upgradeSchema = false

    func validate() throws {
        if let databasePath, databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path or a postgresql:// URL, not an empty string.")
        }
        if databasePath == nil, let variable = ProcessInfo.processInfo.environment[StoreLocation.environmentVariable],
            !variable.isEmpty,
            variable.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            throw ValidationError(
                "\(StoreLocation.environmentVariable) holds only blanks; unset it, or give a file path or a postgresql:// URL."
            )
        }
        do {
            _ = try StoreLocation.resolve(explicit: databasePath, environment: ProcessInfo.processInfo.environment)
        } catch {
            // A validation error reaches the user through ArgumentParser, which knows no advice: add it here.
            throw ValidationError(ErrorAdvice.sentence(for: error))
        }
        try Self.refuseMisspeltURL(location, option: databasePath == nil ? StoreLocation.environmentVariable : "--db")
    }

    /// A URL that is not a PostgreSQL one would otherwise become a database file of that name.
    static func refuseMisspeltURL(_ location: StoreLocation, option: String) throws {
        guard location.isMisspeltURL else { return }
        throw ValidationError(
            "\(option) \(TerminalSafe.inline(location.description)) reads as a URL, but only postgresql:// and postgres:// URLs name a database; correct it, or give a file path."
        )
    }

    /// The flag, else the environment's choice, else the default path (`validate()` refused a
    /// default that has no home folder to live in).
    var location: StoreLocation {
        (try? StoreLocation.resolve(explicit: databasePath, environment: ProcessInfo.processInfo.environment))
            ?? .sqlite(path: "")
    }

    /// `--db` or `SANDBOX_BENCH_DB` when one of them names the database; nil for the default.
    var namedBy: String? {
        StoreLocation.namedBy(explicit: databasePath, environment: ProcessInfo.processInfo.environment)
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
