import ArgumentParser
import Foundation
import BenchWorkflow
import Reporting

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a run with a baseline: what changed, by how much, and whether it is noise.",
        discussion: """
            BASE is a baseline name, a run id or `latest` (the latest completed run before RUN); \
            without it, the baseline called `default`, else the latest completed run that raised \
            no alert. RUN is a run id or `latest` (the default).

            For every metric: baseline, current, change, a bootstrap confidence interval of the \
            change, a Mann–Whitney p-value, and a verdict (regression, improvement, unchanged, \
            noise); then the alerts the rules raise, the lifecycle phase that moved most, and the \
            environment differences between the two runs. Nothing is stored; `gate` stores alerts.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, markdown, json
    }

    @Argument(help: ArgumentHelp("Baseline: a baseline name, a run id, or latest.", valueName: "base"))
    var base: String?

    @Argument(help: ArgumentHelp("Run to compare: a run id or latest.", valueName: "run"))
    var run: String?

    @Option(help: "Output format: table, markdown or json.")
    var format: Format = .table

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: TestbedFilterOption

    func run() async throws {
        try await database.location.withStore(.readOnly) { store in
            let configuration = try comparison.makeConfiguration()
            let stored = try await store.read { [run, base, window = comparison.window, testbed = testbed.testbed] reader in
                try StoredComparison.load(
                    reader, candidate: try BaselineResolver(reader).candidate(run, testbed: testbed), requested: base, window: window,
                    configuration: configuration)
            }
            switch format {
            case .table: CommandOutput.show(TerminalTable.render(stored.result), terminator: "")
            case .markdown: CommandOutput.show(MarkdownSummary.render(stored.result), terminator: "")
            case .json: CommandOutput.data(try ComparisonJSON.render(stored.result))
            }
            if stored.baseline == nil, format == .table {
                CommandOutput.show("No baseline: run \(stored.candidate.id) has nothing earlier to compare with.")
            }
        }
    }
}
