import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Regression
import Reporting

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's report: a self-contained HTML page with trend charts, Markdown and JSON.",
        discussion: """
            RUN is a run id or `latest` (the default: the latest completed main run; a warning names \
            newer runs that did not complete). Writes run-<id>.html, run-<id>.md and run-<id>.json \
            into the output folder (default Reports/), and replaces latest.html, latest.md and \
            latest.json when RUN is its testbed's newest run. Prints the paths written.

            The page shows the verdict (alerts first, in plain words), every metric against the \
            baseline, the original pytest suite's checks, the environment and its differences from the baseline, \
            notes and failures, and trend charts of the key metrics over the last runs with the \
            baseline, alerts and failed or aborted runs marked. A gated run's verdict is the \
            decision the gate stored (when, with which limits, against which baseline); rules or \
            a baseline given here are shown as a re-evaluation beside it. A run never gated is \
            compared with the baseline `diff` and `gate` choose. Exits 2 for an unknown run or baseline, 3 when there is no \
            database or the folder cannot be written.

            Without RUN, or for `latest`, the latest completed run of the testbed --testbed names \
            (this host's by default: never another host's run in a shared database). With --fleet, writes \
            fleet.html, fleet.md and fleet.json instead: every testbed's latest run, its key \
            figures beside the fleet's median, its verdict (its latest standing gate decision: a \
            one-off comparison with another testbed's run does not replace it), since when \
            it has been alerting, and its trends side by side.

            With --site DIR, writes the history site instead: index.html (every run), \
            regressions.html (every stored alert and change point) and run-<id>.html for each \
            run; a second call renders only the pages whose runs changed. Prints how many \
            files it wrote. A site shows one testbed's history: --testbed names it, and a \
            database with runs of several testbeds needs it.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown, json, all

        var formats: [ReportFormat] {
            switch self {
            case .html: [.html]
            case .markdown: [.markdown]
            case .json: [.json]
            case .all: ReportFormat.allCases
            }
        }
    }

    @Argument(help: ArgumentHelp("Run to report: a run id or latest.", valueName: "run"))
    var run: String?

    @Option(help: ArgumentHelp("Folder to write the reports into.", valueName: "dir"))
    var out: String = ReportWriter.defaultDirectory

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Runs shown in the trend charts, ending with RUN (1 to 100000).", valueName: "count"),
        transform: { try NumberArgument.whole($0, in: 1...100_000) })
    var history: Int = ReportBuilder.defaultHistoryLength

    @Option(help: "Formats to write: html, markdown, json or all.")
    var format: Format = .all

    @Option(
        help: ArgumentHelp(
            "Baseline: a baseline name, a run id, or latest (default: `default`, else the latest clean run).",
            valueName: "name"))
    var baseline: String?

    @Flag(help: "Write the fleet view (fleet.html, fleet.md, fleet.json): every testbed on one page.")
    var fleet = false

    @Option(
        help: ArgumentHelp(
            "Write the history site (every run, every alert and change point) into this folder.", valueName: "dir"))
    var site: String?

    @Option(
        help: ArgumentHelp(
            "With --site: the folder of the runs' reports (`run --out`); a run page links its report when it is there "
                + "(default: \(ReportWriter.defaultDirectory)).",
            valueName: "dir"))
    var reports: String?

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: LatestTestbedOption

    func validate() throws {
        if let reports {
            guard site != nil else {
                throw ValidationError("--reports names the reports a history site links to; add --site DIR.")
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: reports, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError(
                    "--reports \(TerminalSafe.inline(reports)) is not a folder; name the folder `run --out` writes.")
            }
        }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--out needs a folder path.")
        }
        if fleet, run != nil || baseline != nil || testbed.testbed != nil || site != nil {
            throw ValidationError(
                "--fleet shows every testbed's latest run; it takes no RUN, --baseline, --testbed or --site.")
        }
        if let site {
            guard !site.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--site needs a folder path.")
            }
            guard run == nil, baseline == nil else {
                throw ValidationError("--site writes every run's page; leave out RUN and --baseline.")
            }
            guard out == ReportWriter.defaultDirectory, format == .all else {
                throw ValidationError(
                    "--site writes the whole site into its own folder, as HTML; leave out --out and --format.")
            }
        }
    }

    func run() async throws {
        var plan = OutputPreflight.Plan()
        plan.keeps(database: database.location)
        plan.keeps(comparison.config, as: "the --config file it reads")
        if let site {
            plan.writes(folder: site, option: "--site", naming: SiteWriter.writes(fileName:))
        } else {
            plan.writes(folder: out, option: "--out", naming: ReportWriter.writes(fileName:))
        }
        try plan.check()
        if let site { return try await writeSite(site) }
        try await database.withStore(.readOnly) { store in
            // A gated run's verdict is its stored decision; the flags given here re-evaluate on top of its rules.
            let options = comparison
            let loader = ReportLoader(store: store, historyLength: history) { stored in
                try options.makeConfigurationWithFile(base: stored ?? RegressionConfiguration()).configuration
            }
            if fleet {
                for path in try FleetReportWriter(directory: out).write(
                    try await loader.fleetReport(), formats: format.formats)
                {
                    CommandOutput.show(path)
                }
                return
            }
            let (report, note) = try await loader.chosenReport(
                run: run, testbed: testbed.latestOf, baseline: baseline, window: comparison.window)
            let written = try ReportWriter(directory: out).write(
                report, formats: format.formats, updateLatest: try await loader.isNewestRun(report.run))
            for path in written { CommandOutput.show(path) }
            // Newer runs that did not complete are never passed over silently.
            if let note { CommandOutput.show("Note: " + note) }
        }
    }

    func writeSite(_ directory: String) async throws {
        try await database.withStore(.readOnly) { store in
            let publisher = SitePublisher(
                store: store, configuration: try comparison.makeConfiguration(), historyLength: history,
                testbed: testbed.testbed, reportsDirectory: reports ?? ReportWriter.defaultDirectory)
            let outcome = try await publisher.publish(into: directory)
            let runPages = outcome.written.filter { $0.hasPrefix("run-") }.count
            CommandOutput.show(
                "\(TerminalSafe.inline(directory)): wrote \(outcome.written.count) files (\(runPages) of \(outcome.runPages) run pages)."
            )
        }
    }
}
