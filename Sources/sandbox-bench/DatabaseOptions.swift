import ArgumentParser
import BenchWorkflow
import Foundation

/// `--db PATH|URL`, shared by every command that reads or writes the results database: an SQLite
/// file, or a PostgreSQL database shared by a fleet of hosts.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The results database: an SQLite file, or postgresql://USER@HOST[:PORT]/DB[?host=SOCKET_DIR] (default: \(StoreLocation.defaultDescription)).",
            valueName: "path|url"))
    var databasePath: String?

    func validate() throws {
        if let databasePath, databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path or a postgresql:// URL, not an empty string.")
        }
    }

    /// The flag, else the environment's choice, else the default path.
    var location: StoreLocation {
        StoreLocation.resolve(explicit: databasePath, environment: ProcessInfo.processInfo.environment)
    }
}
