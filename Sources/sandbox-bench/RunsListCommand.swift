import ArgumentParser
import BenchModel
import Foundation
import ResultsStore

struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List runs, newest first, with their key figures.",
        discussion: """
            One line per run: id, start time (UTC), status, purpose, suite, label, the median \
            creation time (creation.create_start_s), the median parallel efficiency, the number \
            of alerts the gate raised, and the baselines that point to the run; the testbed too \
            when runs of several testbeds are listed (--testbed NAME lists one). When the default \
            results database does not exist yet, prints that there are no runs yet (or [] with \
            --json) and exits 0; a database named with --db or SANDBOX_BENCH_DB must exist (exit \
            2 names the path).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: TestbedFilterOption

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Show at most this many runs (1 to 1000000).", valueName: "count"),
        transform: { try NumberArgument.whole($0, in: 1...1_000_000) })
    var limit: Int = 20

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        try await database.withStoreIfPresent(.readOnly) { store in
            guard let store else {
                CommandOutput.show(
                    json
                        ? "[]"
                        : "No runs yet: there is no results database at \(TerminalSafe.inline(database.location.description))."
                )
                return
            }
            let overviews = try await store.read { [limit, testbed = testbed.testbed] in
                try $0.overviews(RunQuery(testbed: testbed, limit: limit))
            }
            if json {
                CommandOutput.data(try CommandOutput.json(overviews))
                return
            }
            guard !overviews.isEmpty else {
                if let wanted = testbed.testbed {
                    let testbeds = try await store.read { try $0.testbeds() }
                    if !testbeds.isEmpty {
                        CommandOutput.show(
                            "No runs of the testbed \(TerminalSafe.inline(wanted)) in \(TerminalSafe.inline(store.displayName)); its testbeds: "
                                + testbeds.map(TerminalSafe.inline).joined(separator: ", ") + ".")
                        return
                    }
                }
                CommandOutput.show("No runs yet in \(TerminalSafe.inline(store.displayName)).")
                return
            }
            // A testbed column only where runs of several testbeds are listed (a fleet's database).
            let testbeds = Set(overviews.map(\.run.testbed)).count > 1
            let header = [
                "ID", "STARTED (UTC)", "STATUS", "PURPOSE", "SUITE", "LABEL", "CREATION", "EFFICIENCY", "ALERTS",
                "BASELINES",
            ]
            let rows = overviews.map { overview -> [String] in
                let run = overview.run
                let creation =
                    overview.keyFigures[Metric.creation.createStart.id.rawValue].map { CommandOutput.figure($0) + " s" }
                    ?? "-"
                let efficiency =
                    overview.keyFigures[Metric.parallel.efficiency.id.rawValue].map {
                        String(format: "%.0f %%", $0 * 100)
                    } ?? "-"
                let purpose = run.parentRunID.map { "\(run.purpose.rawValue) of \($0)" } ?? run.purpose.rawValue
                let row = [
                    String(run.id), CommandOutput.utc(run.startedAt), run.status.rawValue, purpose, run.suite,
                    run.label.map(TerminalSafe.inline) ?? "-",
                    creation, efficiency, String(overview.alertCount),
                    overview.baselines.map(TerminalSafe.inline).joined(separator: ", "),
                ]
                return testbeds ? [row[0], TerminalSafe.inline(run.testbed)] + row.dropFirst() : row
            }
            CommandOutput.show(
                CommandOutput.table([testbeds ? ["ID", "TESTBED"] + header.dropFirst() : header] + rows))
        }
    }
}
