import ArgumentParser
import BenchWorkflow
import Foundation

/// `--db PATH`, shared by every command that reads or writes the results database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The results database (default: \(StoreLocation.defaultDescription)).", valueName: "path"))
    var databasePath: String?

    func validate() throws {
        if let databasePath, databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, not an empty string.")
        }
    }

    /// The flag, else the environment's choice, else the default path.
    var location: StoreLocation {
        StoreLocation.resolve(explicit: databasePath, environment: ProcessInfo.processInfo.environment)
    }
}
