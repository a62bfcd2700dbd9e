import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import DockerEngine
import Foundation
import Regression
import Reporting
import ResultsStore

struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Fail (exit 1) when a run regressed against its baseline.",
        discussion: """
            Compares RUN (default: the latest run) with the baseline, stores the decision (the \
            rules and limits in force, the baseline, every outcome) with the run, prints the \
            verdict, and exits 1 on any alert, 0 otherwise (2 bad input, 3 environment, 4 a run \
            that did not complete and raised no alert). The default rules: creation more than \
            20 % slower than the baseline, parallel efficiency below 0.5, any cleanup failure or \
            container left behind, any isolation violation. With no baseline yet, the gate passes \
            and says that this run is now the reference. A run gated before is compared, without \
            --baseline, with the baseline of its latest decision; each decision is kept, and the \
            latest is the run's verdict. --baseline-file FILE compares with a baseline file \
            (`baseline export`), for a CI runner whose database is empty.

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
    @OptionGroup var testbed: TestbedFilterOption
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
        let gateRequest = try GateOptions.Request(options: gate, comparison: comparison, engine: engine)
        try await database.location.withStore(.existing) { store in
            let candidate = try await store.read { [run, testbed = testbed.testbed] in
                try BaselineResolver($0).candidate(run, testbed: testbed)
            }
            let configuration = gateRequest.configuration
            let request = gateRequest.request(candidate: candidate)
            // Confirmation re-runs measure: they must not overlap another run, and a signal stops them
            // after their containers are removed.
            let session = try await MeasuringSession.start(lock: gate.confirm > 0 ? lock.request : nil, quiet: false)
            let progress = session.progress
            let outcome = try await session.run(
                {
                    try await RegressionGate(store: store, progress: progress, logger: logger).evaluate(request)
                },
                interrupted: { signal in
                    FailureReport.print(
                        "Interrupted by \(signal) while confirming: the re-run's containers were removed; no decision was stored."
                    )
                })
            let report = GateReport(outcome: outcome, candidate: candidate, junit: gate.junit, markdown: gate.markdown)
            try await report.publish(full: true, quiet: false)
            if let metricsFile {
                try await report.keepingExitCode {
                    try await RunPublication(
                        store: store, configuration: configuration, reportDirectory: nil, metricsFile: metricsFile
                    )
                    .publish(run: candidate, gate: outcome)
                }
            }
            try report.finish()
        }
    }
}

/// Options of the gate, shared by `gate` and `run --gate`.
struct GateOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Baseline: a baseline name, a run id, or latest (default: `default`, else the latest clean run).",
            valueName: "name"))
    var baseline: String?

    @Option(
        help: ArgumentHelp(
            "Compare with the baseline in this file (written by `baseline export`) instead of a stored run.",
            valueName: "path"))
    var baselineFile: String?

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

    /// The checks that need the comparison options too.
    func validate(window: Int?) throws {
        if baselineFile != nil, baseline != nil || window != nil {
            throw ValidationError("--baseline-file names the baseline: leave out --baseline and --window.")
        }
    }

    /// Everything the gate needs but the candidate, taken from the command line once.
    struct Request: Sendable {
        var baseline: String?
        var window: Int?
        var configuration: RegressionConfiguration
        var configurationFile: GateDecision.ConfigurationFile?
        var confirmations: Int
        /// Read once, before anything is measured: a bad file ends the command at once (exit 2).
        var baselineFile: BaselineFileChoice?
        /// The deadlines of the confirmation re-runs' engine calls.
        var deadlines: EngineDeadlines

        init(options: GateOptions, comparison: ComparisonOptions, engine: EngineOptions) throws {
            deadlines = engine.deadlines
            baseline = options.baseline
            window = comparison.window
            (configuration, configurationFile) = try comparison.makeConfigurationWithFile()
            confirmations = options.confirm
            baselineFile = try options.baselineFile.map(BaselineFileChoice.read(path:))
        }

        func request(candidate: RunRecord) -> RegressionGate.Request {
            var request = RegressionGate.Request(
                candidate: candidate, baseline: baseline, window: window, configuration: configuration,
                configurationFile: configurationFile, confirmations: confirmations, baselineFile: baselineFile)
            request.deadlines = deadlines
            return request
        }
    }
}

/// Prints and writes what the gate decided, and ends with its exit code.
struct GateReport {
    let outcome: RegressionGate.Outcome
    let candidate: RunRecord
    /// `--junit` and `--markdown`.
    let junit: String?
    let markdown: String?

    /// `full` prints the whole comparison table; otherwise only the verdict and the alerts.
    /// `quiet` prints nothing when the gate passed.
    func publish(full: Bool, quiet: Bool) async throws {
        let result = outcome.comparison.result
        let speaks = !quiet || !outcome.passed
        if full {
            CommandOutput.show(TerminalTable.render(result), terminator: "")
        } else if speaks {
            for alert in outcome.alerts { CommandOutput.show("ALERT \(TerminalSafe.inline(alert.message))") }
            for difference in result.environmentDifferences {
                CommandOutput.show(
                    TerminalSafe.inline(
                        "warning: \(difference.field) differs from the baseline: \(difference.baseline) → \(difference.current)"
                    ))
            }
        }
        if speaks {
            for dismissed in outcome.dismissed {
                CommandOutput.show("dismissed: \(TerminalSafe.inline(dismissed.message))")
            }
            if !outcome.confirmationRunIDs.isEmpty {
                CommandOutput.show(
                    "Confirmation runs: \(outcome.confirmationRunIDs.map(String.init).joined(separator: ", ")).")
            }
            if let note = outcome.confirmationNote {
                CommandOutput.show(TerminalSafe.inline(note.prefix(1).uppercased() + note.dropFirst() + "."))
            }
            if outcome.comparison.isIncomplete {
                let reason = candidate.reason.map { " (\(TerminalSafe.inline($0)))" } ?? ""
                CommandOutput.show(
                    "Run \(candidate.id) \(candidate.status.rawValue)\(reason): compared with no baseline; only the rules that need none were checked."
                )
            }
            let against = TerminalSafe.inline(result.baselineLabel ?? "no baseline")
            CommandOutput.show(
                outcome.passed
                    ? "Gate passed: run \(candidate.id) vs \(against), no alert."
                    : "Gate FAILED: run \(candidate.id) vs \(against), \(outcome.alerts.count) alert(s).")
            CommandOutput.show(
                TerminalSafe.inline("Decision stored with run \(candidate.id), \(outcome.decision.madeWith)."))
        }
        if outcome.isFirstReference, speaks {
            CommandOutput.show(
                "No baseline yet: the rules that compare with a baseline were skipped. Run \(candidate.id) "
                    + (outcome.passed
                        ? "is now the reference for the next gate (as the latest run without alerts); pin it with `sandbox-bench baseline set default \(candidate.id)`."
                        : "raised alerts, so it will not become the reference; pin a good run with `sandbox-bench baseline set default RUN`.")
            )
        }
        try await keepingExitCode {
            try writeFiles(
                junit: JUnitReport.render(result, timestamp: candidate.startedAt),
                markdown: MarkdownSummary.render(result))
        }
    }

    /// Runs `write`; when the gate failed, an error of it is a warning, so that exit 1 stays exit 1.
    func keepingExitCode(_ write: () async throws -> Void) async rethrows {
        do {
            try await write()
        } catch let error where !outcome.passed {
            FailureReport.warn(ErrorAdvice.sentence(for: error))
        }
    }

    /// Ends the command with the gate's exit code: 1 on any alert; 4 for a run that did not
    /// complete and raised none (it cannot pass); 0 otherwise.
    func finish() throws {
        if !outcome.passed { throw ExitCode(1) }
        if outcome.comparison.isIncomplete { throw IncompleteRunError(run: candidate) }
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

/// A gated run that did not complete and raised no alert: it has no valid measurement to pass with.
struct IncompleteRunError: CategorizedError {
    let run: RunRecord
    var kind: FailureKind { .suiteFailure }
    var description: String {
        let reason = run.reason.map { " (\(TerminalSafe.inline($0)))" } ?? ""
        return
            "Run \(run.id) \(run.status.rawValue)\(reason): the rules that need no baseline raised no alert, but a run that did not complete cannot pass the gate; `sandbox-bench runs show \(run.id)` says what went wrong."
    }
}
