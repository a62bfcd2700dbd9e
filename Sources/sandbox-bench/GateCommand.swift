import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import EngineInterface
import Foundation
import Regression
import Reporting
import ResultsStore

struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Fail (exit 1) when a run regressed against its baseline.",
        discussion: """
            Compares RUN (default: the latest completed run of the testbed --testbed names, this \
            host's by default, as `run` stores it — never another host's run in a shared database; \
            the first line names the run taken, and newer runs that did not complete are named in \
            a warning) with the baseline, stores the decision (the rules and limits in \
            force, the baseline, every outcome) with the run, prints the verdict, and exits 1 on \
            any alert, 0 otherwise. The default rules: creation more than 20 % slower than the \
            baseline, parallel efficiency below 0.5, any cleanup failure or container left behind, \
            any isolation violation. With no baseline yet, the gate passes and says that this run \
            is now the reference.

            A rule whose metric is missing never passes. Without an alert, the gate exits 4 when \
            the run lacks a metric its suite planned (it lost its samples), and 2 when the \
            baseline lacks a metric a relative rule compares (that baseline cannot serve); the \
            verdict names each metric and the side that lacks it. A rule whose spec the run did not \
            plan (a suite narrowed with `run --spec`, or one without that spec) is skipped, and the \
            decision says so. A gate of a run against itself (its own UUID, or exactly its \
            samples) is refused (exit 2).

            A run gated before is compared, without --baseline, --window or --baseline-file, with \
            the baseline of its verdict — its latest standing decision — a baseline file included: \
            its content is kept with the decision, so the file may change or go. When that \
            baseline can no longer be compared with, the gate refuses (exit 2) rather than fall \
            back to another or to none. Every decision is kept, and a new one says which one it \
            replaces. A comparison with another testbed's run (--baseline RUN) or baseline file \
            (--baseline-file) is a one-off: it is stored, shown and sets the exit code, but the \
            run's verdict stays its latest standing decision, a later gate naming no baseline does \
            not follow it (and refuses, exit 2, rather than compare with nothing when the run's own \
            testbed has no baseline), and the fleet view does not count it. --standing makes it \
            the run's verdict instead; a CI runner can also store its runs under the file's \
            testbed (`run --testbed`). \
            --baseline-file FILE compares with a baseline file (`baseline export`), for a CI \
            runner whose database is empty; its content is compared, never a stored run that \
            has its UUID.

            A gate that found an alert exits 1 even when its decision cannot be stored; it then \
            says so, and that the run's stored verdict is still the one before it.

            A run that failed or was aborted is still gated: cleanup failures, containers left \
            behind and isolation violations alert whatever the run's status (exit 1); the rules \
            that need a baseline are skipped. Without an alert such a run exits 4.

            --confirm N re-runs only the specs behind noise-prone alerts N times (stored as \
            confirmation runs linked to RUN). An alert is dismissed only when a strict majority \
            of the N re-runs do not reproduce it: a tie keeps it, and a re-run that fails counts \
            as reproducing it. Cleanup failures and isolation violations are never re-run away. \
            When the re-runs cannot run at all (the engine unreachable), the alerts stand \
            unconfirmed, the gate exits 1 and says so.

            --junit, --markdown and $GITHUB_STEP_SUMMARY are checked before anything is \
            measured; a file that cannot be written when the gate failed is a warning, and the \
            exit code stays 1. An output file that names the results database, a file the gate \
            reads or another output is refused (exit 2); --markdown "$GITHUB_STEP_SUMMARY" \
            appends the summary once.
            """
    )

    @Argument(help: ArgumentHelp("Run to gate: a run id or latest.", valueName: "run"))
    var run: String?

    @Option(
        help: ArgumentHelp(
            "Write the run's key figures and alert count in the Prometheus text format (atomically).", valueName: "path"
        ))
    var metricsFile: String?

    @OptionGroup var gate: GateOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: LatestTestbedOption
    @OptionGroup(title: "Engine options (with --confirm)") var engine: EngineOptions
    @OptionGroup(title: "Run lock (with --confirm)") var lock: LockOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try gate.validate(window: comparison.window)
        try OutputPreflight.requirePath(metricsFile, option: "--metrics-file")
        if lock.waitLock != nil, gate.confirm == 0 {
            throw ValidationError("--wait-lock applies to --confirm, whose re-runs take the run lock; add --confirm N.")
        }
    }

    func run() async throws {
        var plan = OutputPreflight.Plan()
        plan.keeps(database: database.location)
        plan.writes(file: metricsFile, option: "--metrics-file")
        plan.gateFiles(junit: gate.junit, markdown: gate.markdown, baselineFile: gate.baselineFile)
        plan.keeps(comparison.config, as: "the --config file it reads")
        if gate.confirm > 0 { plan.locks(lock.path) }
        // Checked before the gate stores anything: a file that cannot be written must not end a gate half-way.
        try plan.check()
        let logger = logging.makeLogger("sandbox-bench.gate")
        let settings = try GateOptions.settings(gate, comparison: comparison, engine: engine)
        try await database.withStore(.existing) { store in
            let choice = try await store.read { [run, testbed = testbed.latestOf] in
                try BaselineResolver($0).choose(run, testbed: testbed)
            }
            let candidate = choice.run
            // Which run `latest` took is said first: in a shared database it is this testbed's.
            if let chosen = choice.chosen { CommandOutput.show(chosen) }
            // Confirmation re-runs measure: they must not overlap another run, and a signal stops them
            // after their containers are removed.
            let session = try await MeasuringSession.start(lock: gate.confirm > 0 ? lock.request : nil, quiet: false)
            let progress = session.progress
            let outcome = try await session.run(
                {
                    try await RegressionGate(store: store, progress: progress, logger: logger)
                        .evaluate(settings.request(candidate: candidate))
                },
                interrupted: { signal in
                    FailureReport.print(
                        "Interrupted by \(signal) while confirming: the re-run's containers were removed; "
                            + "no decision was stored.")
                })
            // Newer runs that did not complete are never passed over silently.
            if let note = choice.note { CommandOutput.show("Note: " + note) }
            let report = GateReport(
                outcome: outcome, candidate: candidate, junit: gate.junit, markdown: gate.markdown,
                link: try gate.summaryLink())
            try await report.publish(full: true, quiet: false)
            if let metricsFile {
                try await report.keepingExitCode {
                    try await RunPublication(
                        store: store, configuration: settings.configuration, reportDirectory: nil,
                        metricsFile: metricsFile
                    )
                    .publish(run: candidate, gate: outcome)
                }
            }
            try report.conclusion.end()
        }
    }
}

/// Options of the gate, shared by `gate` and `run --gate`.
struct GateOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Baseline: a baseline name, a run id, or latest (default: a run gated before keeps its verdict's "
                + "baseline; else `default`, else the latest clean run).",
            valueName: "name"))
    var baseline: String?

    @Option(
        help: ArgumentHelp(
            "Compare with the baseline in this file (written by `baseline export`) instead of a stored run.",
            valueName: "path"))
    var baselineFile: String?

    @Flag(
        help: ArgumentHelp(
            "Let a comparison with another testbed's run (--baseline) or baseline file (--baseline-file) become the "
                + "run's verdict, which later gates naming no baseline follow and the fleet view counts (default: "
                + "a one-off)."))
    var standing = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Re-run the specs behind each noise-prone alert this many times (0 to 20); an alert is dismissed only when a strict majority of the re-runs do not reproduce it (a tie keeps it).",
            valueName: "N"),
        transform: { try NumberArgument.whole($0, in: 0...20) })
    var confirm: Int = 0

    @Option(
        help: ArgumentHelp(
            "Write JUnit XML: one test case per rule and metric, failures carrying the numbers.", valueName: "path"))
    var junit: String?

    @Option(
        help: ArgumentHelp(
            "Write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set).", valueName: "path"))
    var markdown: String?

    @Option(
        name: .customLong("report-url"),
        help: ArgumentHelp(
            "Link the Markdown summary to this report or artifact URL (default: the GitHub Actions run page, from "
                + "GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID).", valueName: "url"))
    var reportURL: String?

    /// Where the Markdown summary links: `--report-url`, else the CI run page.
    func summaryLink() throws -> SummaryLink? {
        if let reportURL {
            do { return try SummaryLink.given(reportURL) } catch { throw ValidationError(error.description) }
        }
        return SummaryLink.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// The checks that need the comparison options too.
    func validate(window: Int?) throws {
        _ = try summaryLink()
        if baselineFile != nil, baseline != nil || window != nil {
            throw ValidationError("--baseline-file names the baseline: leave out --baseline and --window.")
        }
        if standing, baseline == nil, baselineFile == nil {
            throw ValidationError("--standing applies to a baseline named with --baseline or --baseline-file.")
        }
    }

    /// Everything the gate needs but the candidate, taken from the command line once; a baseline
    /// file is read here, before anything is measured, so that a bad file ends the command at once
    /// (exit 2).
    static func settings(_ options: GateOptions, comparison: ComparisonOptions, engine: EngineOptions) throws
        -> RegressionGate.Settings
    {
        let (configuration, configurationFile) = try comparison.makeConfigurationWithFile()
        return RegressionGate.Settings(
            baseline: options.baseline, window: comparison.window, configuration: configuration,
            configurationFile: configurationFile, confirmations: options.confirm,
            baselineFile: try options.baselineFile.map(BaselineFileChoice.readSayingVerdict(path:)),
            deadlines: engine.deadlines,
            // Re-measurements wait for a quiet host and measure its load, as a nightly run does.
            hostLoad: options.confirm > 0 ? HostLoadOptions.defaultPolicy : nil, standing: options.standing)
    }
}

/// Prints and writes what the gate decided.
struct GateReport {
    let outcome: RegressionGate.Outcome
    let candidate: RunRecord
    /// `--junit` and `--markdown`.
    let junit: String?
    let markdown: String?
    /// How the command ends: the gate's conclusion, or that of the run it gated.
    let conclusion: Conclusion
    /// Where the Markdown summary sends its reader for the whole report.
    let link: SummaryLink?

    init(
        outcome: RegressionGate.Outcome, candidate: RunRecord, junit: String?, markdown: String?,
        link: SummaryLink? = nil, conclusion: Conclusion? = nil
    ) {
        self.outcome = outcome
        self.candidate = candidate
        self.junit = junit
        self.markdown = markdown
        self.link = link
        self.conclusion = conclusion ?? Conclusion(gate: outcome, candidate: candidate)
    }

    /// `full` prints the whole comparison table; otherwise only the verdict and the alerts.
    /// `quiet` prints nothing when the gate passed.
    func publish(full: Bool, quiet: Bool) async throws {
        let result = outcome.comparison.result
        let speaks = !quiet || !outcome.passed
        if full {
            CommandOutput.show(TerminalTable.render(result), terminator: "")
        } else if speaks {
            for alert in outcome.alerts { CommandOutput.show("ALERT \(TerminalSafe.inline(alert.message))") }
            for missing in outcome.missing { CommandOutput.show("MISSING \(TerminalSafe.inline(missing.message))") }
            for withheld in outcome.withheld {
                CommandOutput.show("WITHHELD \(TerminalSafe.inline(withheld.message))")
            }
            for difference in result.environmentDifferences {
                CommandOutput.show(
                    TerminalSafe.inline(
                        "warning: \(difference.field) differs from the baseline: \(difference.baseline) → \(difference.current)"
                    ))
            }
        }
        if speaks {
            for line in verdictLines(result) { CommandOutput.show(line) }
        }
        if outcome.isFirstReference, speaks {
            CommandOutput.show(
                "No baseline yet: the rules that compare with a baseline were skipped. Run \(candidate.id) "
                    + (outcome.passed
                        ? "is now the reference for the next gate (as the latest run without alerts); pin it with `sandbox-bench baseline set default \(candidate.id)`."
                        : "did not pass, so it will not become the reference; pin a good run with "
                            + "`sandbox-bench baseline set default RUN`.")
            )
        }
        try await keepingExitCode {
            try writeFiles(
                junit: JUnitReport.render(result, timestamp: candidate.startedAt),
                markdown: MarkdownSummary.render(result, context: summaryContext))
        }
    }

    /// What the Markdown summary knows beside the comparison: the stored verdict, the standing alerts.
    private var summaryContext: MarkdownSummary.Context {
        MarkdownSummary.Context(
            verdict: outcome.decision.verdict, standing: outcome.alerts, dismissed: outcome.dismissed,
            expected: outcome.alerts.filter { $0.isExpected(onHostWithCPUs: outcome.comparison.cpus) }.map(\.message),
            link: link)
    }

    /// The lines under the table: what was dismissed, confirmed, missing, the verdict, what it replaced.
    private func verdictLines(_ result: RunComparison) -> [String] {
        var lines = outcome.dismissed.map { "dismissed: \(TerminalSafe.inline($0.message))" }
        if !outcome.confirmationRunIDs.isEmpty {
            lines.append("Confirmation runs: \(outcome.confirmationRunIDs.map(String.init).joined(separator: ", ")).")
        }
        if let note = outcome.confirmationNote {
            lines.append(TerminalSafe.inline(note.prefix(1).uppercased() + note.dropFirst() + "."))
        }
        if outcome.comparison.isIncomplete {
            let reason = candidate.reason.map { " (\(TerminalSafe.inline($0)))" } ?? ""
            lines.append(
                "Run \(candidate.id) \(candidate.status.rawValue)\(reason): compared with no baseline; only the rules "
                    + "that need none were checked."
            )
        }
        let against = TerminalSafe.inline(result.baselineLabel ?? "no baseline")
        let missing = outcome.missing
        let missingText =
            missing.isEmpty ? "" : ", \(ValueFormat.count(missing.count, "rule")) not checked: a metric is missing"
        if outcome.passed {
            lines.append("Gate passed: run \(candidate.id) vs \(against), no alert.")
        } else if outcome.isWithheldOnly {
            lines.append(
                "Gate NOT DECIDED: run \(candidate.id) vs \(against), "
                    + "\(ValueFormat.count(outcome.withheld.count, "alert")) withheld: the host was busy with other "
                    + "work while it was measured, so the change may be the host's, not the sandbox's.")
        } else if outcome.alerts.isEmpty, outcome.comparison.isIncomplete {
            lines.append(
                "Gate FAILED: run \(candidate.id) \(candidate.status.rawValue), no alert: a run that did not complete "
                    + "cannot pass.")
        } else if outcome.alerts.isEmpty, !missing.isEmpty {
            lines.append(
                "Gate FAILED: run \(candidate.id) vs \(against), no alert, but \(ValueFormat.count(missing.count, "rule")) could not be "
                    + "checked: a metric is missing.")
        } else {
            lines.append(
                "Gate FAILED: run \(candidate.id) vs \(against), \(ValueFormat.count(outcome.alerts.count, "alert"))\(missingText)."
            )
        }
        for side in [RuleOutcome.Side.candidate, .baseline] {
            let metrics = missing.filter { $0.missingFrom == side }.map(\.metric.rawValue)
            guard !metrics.isEmpty else { continue }
            let from = side == .candidate ? "run \(candidate.id)" : "the baseline, \(against)"
            lines.append(
                "Missing from \(from): \(Set(metrics).sorted().joined(separator: ", ")); "
                    + (side == .candidate
                        ? "its suite planned them, and a run without them cannot pass."
                        : "this baseline cannot serve for those rules; name another with --baseline or "
                            + "--baseline-file.")
            )
        }
        let decision = outcome.decision
        if outcome.isWithheldOnly {
            let previous =
                outcome.previousVerdict.map {
                    "its stored verdict is still the decision of \(CommandOutput.utc($0.decidedAt)) ("
                        + "\($0.verdict.words(alerts: $0.alertCount, missing: $0.missingCount)))"
                } ?? "it stays not gated"
            lines.append("No decision stored with run \(candidate.id): \(previous).")
        } else if let error = outcome.notStored {
            lines.append(contentsOf: notStoredLines(error))
        } else if let oneOff = decision.oneOff {
            let standing =
                outcome.standingVerdict.map {
                    "its verdict stays the decision of \(CommandOutput.utc($0.decidedAt)) ("
                        + "\($0.verdict.words(alerts: $0.alertCount, missing: $0.missingCount)), against "
                        + "\(TerminalSafe.inline($0.baseline.label ?? "no baseline")))"
                } ?? "it has no standing verdict yet"
            lines.append(
                TerminalSafe.inline(
                    "One-off decision stored with run \(candidate.id) (\(oneOff)), \(decision.madeWith); \(standing)."))
        } else {
            lines.append(TerminalSafe.inline("Decision stored with run \(candidate.id), \(decision.madeWith)."))
            if let replaces = decision.replaces {
                lines.append(TerminalSafe.inline("It " + replaces.sentence + "."))
            }
        }
        return lines
    }

    /// The decision that found an alert but could not be stored: said, and the stored verdict,
    /// which is still the one before this gate, named as not this gate's.
    private func notStoredLines(_ error: any Error) -> [String] {
        let previous =
            outcome.previousVerdict.map {
                "run \(candidate.id)'s stored verdict is still the decision of \(CommandOutput.utc($0.decidedAt)) ("
                    + "\($0.verdict.words(alerts: $0.alertCount, missing: $0.missingCount))), not this one"
            } ?? "run \(candidate.id) has no stored verdict"
        var why = ErrorAdvice.sentence(for: error)
        while why.hasSuffix(".") { why.removeLast() }
        let line = TerminalSafe.inline(
            "The decision was NOT stored (\(why)): \(previous); fix the database and "
                + "gate again.")
        FailureReport.warn(line)
        return [line]
    }

    /// Runs `write`; when the command fails anyway, an error of it is a warning, so that it cannot
    /// hide the conclusion's exit code.
    func keepingExitCode(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch {
            for failure in try conclusion.keeping([error]) { FailureReport.warn(ErrorAdvice.sentence(for: failure)) }
        }
    }

    private func writeFiles(junit: String?, markdown: String) throws {
        if let path = self.junit, let junit {
            try OutputFile.write(junit, to: path, option: "--junit")
        }
        let summary = OutputPreflight.stepSummary()
        // `--markdown "$GITHUB_STEP_SUMMARY"` appends, once: replacing it would drop the earlier steps' summaries.
        if let path = self.markdown, !(summary.map { OutputPreflight.sameFile(path, $0) } ?? false) {
            try OutputFile.write(markdown, to: path, option: "--markdown")
        }
        if let summary {
            try OutputFile.append(markdown + "\n", to: summary, option: "GITHUB_STEP_SUMMARY")
        }
    }
}

extension Conclusion {
    /// Ends the command with the conclusion's exit code: 1 on an alert (ArgumentParser's `ExitCode`,
    /// which `ToolCommand` passes through), else the error that says why, else nothing (0).
    func end() throws {
        switch self {
        case .passed: return
        case .regression: throw ExitCode(1)
        case .failure(let error): throw error
        }
    }
}
