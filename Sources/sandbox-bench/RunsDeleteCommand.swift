import ArgumentParser
import BenchModel
import Foundation
import ResultsStore

struct RunsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one run and everything recorded for it.",
        discussion: """
            Refuses (exit 2) a run that a baseline points to unless --force is given; --force \
            also removes the baselines that point to the run. A run still measuring in a live \
            process on this host is never deleted (exit 2 names the process: stop it, and it \
            stores the run as aborted); a run still running on another host, whose process \
            cannot be checked from here, is deleted only with --force. Exits 2 when there is no \
            run with that id.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The id of the run, as `sandbox-bench runs list` shows it.", transform: RunID.parse)
    var id: Int64

    @Flag(
        help: ArgumentHelp(
            "Delete the run even when a baseline points to it (removing the baseline), "
                + "or when it is still running on another host whose process is gone."))
    var force = false

    func run() async throws {
        try await database.withStore(.existing) { store in
            let baselines = try await store.read { [id] in try $0.baselines().filter { $0.runID == id }.map(\.name) }
            try await store.deleteRun(id, force: force)
            let removed =
                baselines.isEmpty
                ? "" : " and its baseline " + baselines.map { "\"\(TerminalSafe.inline($0))\"" }.joined(separator: ", ")
            CommandOutput.show("Deleted run \(id)\(removed).")
        }
    }
}
