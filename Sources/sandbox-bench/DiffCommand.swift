import ArgumentParser
import BenchWorkflow
import Foundation
import Regression
import Reporting

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a run with a baseline: what changed, by how much, and whether it is noise.",
        discussion: """
            BASE is a baseline name, a run id or `latest` (the latest completed run before RUN); \
            --baseline-file FILE compares with a baseline file (`baseline export`) without \
            importing it, and then the one argument is RUN. RUN is a run id or `latest` (the default): \
            the latest completed run of the testbed --testbed names (this host's by default, never \
            another host's run in a shared database), said in the first line, with a warning \
            naming newer runs that did not complete.

            For every metric: baseline, current, change, a bootstrap confidence interval of the \
            change, a Mann–Whitney p-value, and a verdict (regression, improvement, unchanged, \
            noise); then the alerts the rules raise, the lifecycle phase that moved most, and the \
            environment differences between the two runs.

            A run the gate judged has a stored verdict (its latest decision): without other \
            options, diff shows that verdict — its baseline, its rules, its alerts. Asking for \
            other rules (--max-creation-slowdown, --config, ...) or another baseline shows a \
            re-evaluation beside the stored verdict, never in its place. A run never gated is \
            compared with the baseline called `default`, else the latest completed run that raised \
            no alert. Nothing is stored; `gate` stores decisions.

            A run that failed or was aborted is compared with no baseline: the rules that need \
            none (cleanup failures, containers left behind, isolation violations, the efficiency \
            floor) are checked, the others skipped. diff exits 0 whenever it printed a comparison.
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

    @Option(
        help: ArgumentHelp(
            "Compare with the baseline in this file (written by `baseline export`) instead of a stored run.",
            valueName: "path"))
    var baselineFile: String?

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: LatestTestbedOption

    func validate() throws {
        if baselineFile != nil, run != nil || comparison.window != nil {
            throw ValidationError("--baseline-file names the baseline: give only RUN, and no --window.")
        }
    }

    /// With --baseline-file, the one argument is RUN.
    private var arguments: (base: String?, run: String?) { baselineFile == nil ? (base, run) : (nil, base) }

    func run() async throws {
        let file = try baselineFile.map(BaselineFileChoice.read(path:))
        try await database.withStore(.readOnly) { store in
            // A comparison judges: a database with triggers or views of someone else's is refused, as for the gate.
            try await store.auditSchema()
            let (base, run) = arguments
            let request = StoredVerdict.Request(
                baseline: base, window: comparison.window, file: file,
                configuration: { [comparison] stored in
                    try comparison.makeConfigurationWithFile(base: stored ?? RegressionConfiguration()).configuration
                })
            let (choice, verdict) = try await store.read { [run, testbed = testbed.latestOf] reader in
                let choice = try BaselineResolver(reader).choose(run, testbed: testbed)
                return (choice, try StoredVerdict.load(reader, candidate: choice.run, request: request))
            }
            let candidate = choice.run
            let result = verdict.comparison.result
            // Newer runs that did not complete are never passed over silently.
            let header =
                (choice.chosen.map { [$0] } ?? []) + (choice.note.map { ["Note: " + $0] } ?? [])
                + DecisionText.header(verdict, run: candidate)
            switch format {
            case .table:
                for line in header { CommandOutput.show(line) }
                CommandOutput.show(TerminalTable.render(result), terminator: "")
                if verdict.comparison.baseline == nil, verdict.verdict == nil, !verdict.comparison.isIncomplete {
                    CommandOutput.show("No baseline: run \(candidate.id) has nothing earlier to compare with.")
                }
            case .markdown:
                for line in header { CommandOutput.show(MarkdownText.escape(line) + "\n") }
                CommandOutput.show(MarkdownSummary.render(result), terminator: "")
            case .json:
                let shows: ComparisonJSON.Shown =
                    verdict.reevaluation != nil ? .reevaluation : verdict.stored != nil ? .storedDecision : .comparison
                CommandOutput.data(
                    try ComparisonJSON.render(
                        result, shows: shows, reevaluatedWith: verdict.reevaluation?.changes ?? []))
                if let note = choice.note { FailureReport.warn(note) }
            }
        }
    }
}
