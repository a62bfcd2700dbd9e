import ArgumentParser
import BenchWorkflow
import CommandLineSupport
import Foundation
import ResultsStore
import SyntheticHistory

/// `store-benchmark fill`: writes runs one after the other, as a nightly job would but without
/// pauses, and prints a line after each finished run. The crash and concurrency tests start it
/// as a separate process and kill it, or run two of them at once.
struct FillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Write synthetic nightly runs one after the other, printing a line after each.",
        discussion: "Each finished run prints `finished ID STATUS samples=N` once its last write has committed."
    )

    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database to write to: an SQLite file (created when missing) or a postgresql:// URL.",
            valueName: "path|url"))
    var databasePath: String

    @Option(help: ArgumentHelp("Stop after this many runs (default: write until killed).", valueName: "n"))
    var runs: Int?

    func validate() throws {
        if databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, not an empty string.")
        }
        if let runs, runs < 0 { throw ValidationError("--runs takes a whole number ≥ 0, not \(runs).") }
    }

    func run() async throws {
        try await StoreLocation.named(databasePath).withStore(.createIfMissing) { store in
            let writer = SyntheticRunWriter(store: store)
            var day = 0
            while runs.map({ day < $0 }) ?? true {
                let stored = try await writer.storeNight(day: day, startedAt: Date())
                // Printed only after finishRun committed: a test may rely on every listed run being complete.
                StandardOutput.write("finished \(stored.id) \(stored.status.rawValue) samples=\(stored.sampleCount)\n")
                day += 1
            }
        }
    }
}
