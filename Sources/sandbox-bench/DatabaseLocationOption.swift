import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

/// `--db PATH|URL`: an SQLite file, or a PostgreSQL database shared by a fleet of hosts. Alone in
/// `sandbox-bench migrate`; with `--migrate` in ``DatabaseOptions`` everywhere else.
struct DatabaseLocationOption: ParsableArguments {
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
}
