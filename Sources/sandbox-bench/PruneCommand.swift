import ArgumentParser
import Foundation
import ResultsStore

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete runs older than a number of days, keeping every run a baseline points to.",
        discussion: """
            Deletes every run that started more than --keep-days days ago, with everything \
            recorded for it, except runs a baseline points to and runs still running. \
            Exits 2 for a negative number of days; exits 0 with nothing to do when there is no \
            results database.
            """
    )

    @OptionGroup var database: DatabaseOptions

    // Unconditional parsing lets "-3" reach validate(), which explains the mistake.
    @Option(parsing: .unconditional, help: ArgumentHelp("Keep the runs of the last this many days (0 or more).", valueName: "days"))
    var keepDays: Int

    @Flag(help: "Print what was deleted as JSON.")
    var json = false

    func validate() throws {
        guard keepDays >= 0 else { throw ValidationError("--keep-days must be 0 or more, not \(keepDays).") }
    }

    func run() async throws {
        guard let store = try database.openIfPresent() else {
            print(json ? try CommandOutput.json(PruneOutcome(deletedRunIDs: [], keptForBaselines: [])) : "Nothing to prune: there is no results database at \(database.path).")
            return
        }
        let outcome = try store.prune(keepDays: keepDays, now: Date())
        if json {
            print(try CommandOutput.json(outcome))
            return
        }
        let noun = outcome.deletedRunIDs.count == 1 ? "run" : "runs"
        var message = "Deleted \(outcome.deletedRunIDs.count) \(noun) older than \(keepDays) days."
        if !outcome.keptForBaselines.isEmpty {
            message += " Kept for their baselines: " + outcome.keptForBaselines.map(String.init).joined(separator: ", ") + "."
        }
        print(message)
    }
}
