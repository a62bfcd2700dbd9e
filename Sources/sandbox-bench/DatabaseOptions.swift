import ArgumentParser
import Foundation
import ResultsStore

/// `--db PATH`, shared by every command that reads or writes the results database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The results database (default: \(DatabaseLocation.defaultDescription)).", valueName: "path"))
    var databasePath: String?

    func validate() throws {
        if let databasePath, databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, not an empty string.")
        }
    }

    /// The flag, else the environment's choice, else the default path.
    var path: String {
        DatabaseLocation.resolve(explicitPath: databasePath, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the database, creating it and its folders when missing: for commands that store runs.
    func openForWriting() throws -> ResultsDatabase {
        try ResultsDatabase(path: path, mode: .createIfMissing)
    }

    /// Opens an existing database; nil when there is none, so that a listing can say "no runs yet"
    /// instead of creating an empty file.
    func openIfPresent() throws -> ResultsDatabase? {
        do {
            return try ResultsDatabase(path: path, mode: .existingOnly)
        } catch StoreError.noDatabase {
            return nil
        }
    }

    /// Opens an existing database; throws `StoreError.noDatabase` (exit 3) when there is none.
    func openExisting() throws -> ResultsDatabase {
        try ResultsDatabase(path: path, mode: .existingOnly)
    }
}
