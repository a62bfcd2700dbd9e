import ArgumentParser
import BenchModel
import Foundation
import ResultsStore

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete runs older than a number of days, keeping every run a baseline or a verdict refers to.",
        discussion: """
            Deletes every run that started more than --keep-days days ago, with everything \
            recorded for it, except runs a baseline points to, runs a stored decision of a run \
            that stays compared with (its verdict's baseline), and runs still running. With \
            --testbed NAME only that testbed's runs are considered: each testbed can keep its own \
            number of days (a prune per testbed, as a fleet's hosts differ); a testbed without runs \
            exits 2. \
            Exits 2 for a negative number of days; exits 0 with nothing to do when the default \
            results database does not exist yet (one named with --db or SANDBOX_BENCH_DB must \
            exist: exit 2).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Keep the runs of the last this many days (0 to 36500).", valueName: "days"),
        transform: { try NumberArgument.whole($0, in: 0...36_500) })
    var keepDays: Int

    @OptionGroup var testbed: TestbedFilterOption

    @Flag(help: "Print what was deleted as JSON.")
    var json = false

    @Flag(help: "Delete nothing: print which runs would be deleted.")
    var dryRun = false

    func run() async throws {
        // A dry run reads only, so that a user who may not write the database can look too.
        try await database.withStoreIfPresent(dryRun ? .readOnly : .existing) { store in
            guard let store else {
                CommandOutput.show(
                    json
                        ? try CommandOutput.json(
                            PruneOutcome(deletedRunIDs: [], keptForBaselines: [], dryRun: dryRun))
                        : "Nothing to prune: there is no results database at \(TerminalSafe.inline(database.location.description))."
                )
                return
            }
            // A testbed without runs is a typo, not a policy that deletes nothing (as `copy --testbed`).
            if let wanted = testbed.testbed {
                let testbeds = try await store.read { try $0.testbeds() }
                guard testbeds.contains(wanted) else {
                    throw ValidationError(
                        "--testbed: \(TerminalSafe.inline(store.displayName)) has no runs of the testbed "
                            + "\(TerminalSafe.inline(wanted)); its testbeds: "
                            + (testbeds.isEmpty ? "none" : testbeds.map(TerminalSafe.inline).joined(separator: ", "))
                            + ".")
                }
            }
            let outcome = try await store.prune(
                keepDays: keepDays, now: Date(), dryRun: dryRun, testbed: testbed.testbed)
            if json {
                CommandOutput.data(try CommandOutput.json(outcome))
                return
            }
            let noun = outcome.deletedRunIDs.count == 1 ? "run" : "runs"
            let verb = dryRun ? "Would delete" : "Deleted"
            var message =
                "\(verb) \(outcome.deletedRunIDs.count) \(noun) older than \(keepDays) days"
                + (testbed.testbed.map { " of the testbed \(TerminalSafe.inline($0))" } ?? "")
                + (dryRun && !outcome.deletedRunIDs.isEmpty
                    ? ": " + outcome.deletedRunIDs.map(String.init).joined(separator: ", ") : "") + "."
            if !outcome.keptForBaselines.isEmpty {
                message +=
                    " Kept for their baselines: " + outcome.keptForBaselines.map(String.init).joined(separator: ", ")
                    + "."
            }
            if !outcome.keptForDecisions.isEmpty {
                message +=
                    " Kept because a verdict of a run that stays compared with them: "
                    + outcome.keptForDecisions.map(String.init).joined(separator: ", ") + "."
            }
            CommandOutput.show(message)
        }
    }
}
