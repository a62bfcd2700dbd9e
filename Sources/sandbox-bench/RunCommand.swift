import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Reporting
import ResultsStore
import Sandbox
import Synchronization

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark suite against the Docker engine and store the run.",
        discussion: """
            Takes a host-wide lock (a second run exits 3 naming the holder, or with --wait-lock \
            waits for it), removes containers \
            left by dead runs, records the environment, runs the suite, stores every sample, and \
            prints a summary. Progress is shown on a terminal; off a terminal only warnings and \
            the summary are printed, and with --quiet nothing unless something is wrong.

            SPECS
            \(SpecName.allCases.map { "  \($0.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

            SUITES
              full      every spec (the default; what the nightly job runs)
              original  exactly the original pytest suite's nine benchmarks with its iteration counts
              quick     every spec with minimal counts, for smoke checks

            SIGINT, SIGTERM or SIGHUP stops the run after removing every container it created; \
            the run is stored as aborted with what was measured so far (exit 130, 143 or 129). A \
            second signal exits at once (the same signal repeated within a second, as `timeout` \
            sends it, counts once); the next run reaps what is left.
            """
    )

    @Option(help: "Suite to run: full, original or quick.")
    var suite: SuiteName = .full

    @Option(
        name: .customLong("spec"), help: ArgumentHelp("Run only this spec (repeatable); see SPECS.", valueName: "name"))
    var specs: [SpecName] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Measured iterations of every spec, instead of the suite's counts (1 to 10000).", valueName: "count"),
        transform: { try NumberArgument.whole($0, in: 1...10_000) })
    var iterations: Int?

    @Option(help: ArgumentHelp("A label stored with the run.", valueName: "text"))
    var label: String?

    @Option(
        help: ArgumentHelp(
            "The git commit measured (default: from GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT, ...).", valueName: "sha"))
    var commit: String?

    @Option(
        help: ArgumentHelp(
            "Host interpreter of the direct baseline (default: python3 on PATH); resolved to its real executable.",
            valueName: "path"))
    var hostPython: String?

    @Flag(help: "Print nothing unless there is a regression or an error (for cron).")
    var quiet = false

    @Flag(help: "Gate the run against its baseline when it completes: exit 1 on any alert (see `gate --help`).")
    var gate = false

    @Option(
        help: ArgumentHelp(
            "Folder of the run's reports (HTML, Markdown, JSON; latest.* point at the newest).", valueName: "dir"))
    var out: String = ReportWriter.defaultDirectory

    @Flag(help: "Write no report.")
    var noReport = false

    @Option(
        help: ArgumentHelp(
            "Write the run's key figures and alert count in the Prometheus text format (atomically), for node_exporter's textfile collector.",
            valueName: "path"))
    var metricsFile: String?

    @OptionGroup(title: "Gate options (with --gate)") var gateOptions: GateOptions
    @OptionGroup(title: "Comparison options (with --gate)") var comparison: ComparisonOptions

    @OptionGroup var testbed: TestbedOption
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try OutputPreflight.requirePath(out, option: "--out")
        try OutputPreflight.requirePath(metricsFile, option: "--metrics-file")
        // A named interpreter must exist; without one, a missing python3 only makes the direct baselines unmeasurable.
        if let hostPython, ExecutableLookup.find(hostPython) == nil {
            throw ValidationError(
                "--host-python \(hostPython) is not an executable file or a command on PATH; give the path of a Python interpreter."
            )
        }
        if !gate,
            gateOptions.baseline != nil || gateOptions.baselineFile != nil || gateOptions.confirm > 0
                || gateOptions.junit != nil
                || gateOptions.markdown != nil
        {
            throw ValidationError(
                "--baseline, --baseline-file, --confirm, --junit and --markdown apply to the gate; add --gate.")
        }
        try gateOptions.validate(window: comparison.window)
    }

    func run() async throws {
        var plan = OutputPreflight.Plan()
        plan.keeps(database: database.location)
        plan.writes(folder: noReport ? nil : out, option: "--out", naming: ReportWriter.writes(fileName:))
        plan.writes(file: metricsFile, option: "--metrics-file")
        if gate {
            plan.gateFiles(
                junit: gateOptions.junit, markdown: gateOptions.markdown, baselineFile: gateOptions.baselineFile)
        }
        plan.keeps(comparison.config, as: "the --config file it reads")
        plan.keeps(profileOptions.seccompProfile, as: "the --seccomp-profile file it reads")
        plan.locks(lock.path)
        // Everything the run writes at its end, the gate's files too, is checked before the suite starts.
        try plan.check()
        let logger = logging.makeLogger("sandbox-bench.run")
        let environment = ProcessInfo.processInfo.environment
        let profile = try profileOptions.makeProfile()
        // Said before anything is measured, even with --quiet: a weakened sandbox is never silent.
        if let warning = profile.weakeningWarning(label: "the profile") {
            CommandOutput.show(TerminalSafe.inline(warning))
        }
        let configuration = try comparison.makeConfiguration()
        // The gate's baseline file is read before the suite starts, too.
        let gateRequest =
            gate ? try GateOptions.Request(options: gateOptions, comparison: comparison, engine: engine) : nil
        let session = try await MeasuringSession.start(lock: lock.request, quiet: quiet)
        try await database.withStore(.createIfMissing) { store in
            if let requested = gateRequest?.baseline {
                try await store.read { [testbed = testbed.testbed] in
                    try BaselineResolver($0).requireUsable(requested, testbed: testbed)
                }
            }
            let progress = session.progress
            let request = BenchmarkRun.Request(
                plan: SuitePlan(suite: suite, only: specs, iterations: iterations), profile: profile, label: label,
                gitCommit: CommitResolver.resolve(flag: commit, environment: environment),
                hostPython: hostPython ?? "python3",
                testbed: testbed.testbed, deadlines: engine.deadlines)
            let startedRun = Mutex<Int64?>(nil)
            let started = ContinuousClock.now
            let signals = session.signals
            let run = BenchmarkRun(
                request: request, store: store, progress: progress, logger: logger,
                interruption: { signals.signalName },
                runStarted: { id in startedRun.withLock { $0 = id } })
            let publication = RunPublication(
                store: store, configuration: configuration, reportDirectory: noReport ? nil : out,
                metricsFile: metricsFile,
                baseline: gateOptions.baseline, window: comparison.window)
            // A stored run that failed or was interrupted gets its report and textfile too: they say so.
            let publishStoredRun = { @Sendable () async in
                guard let runID = startedRun.withLock({ $0 }), let stored = try? await store.run(runID) else { return }
                do {
                    try await publication.publish(run: stored, gate: nil)
                } catch {
                    FailureReport.warn(ErrorAdvice.sentence(for: error))
                }
            }

            let outcome: BenchmarkRun.Outcome
            let verdict: RegressionGate.Outcome?
            do {
                // The gate runs inside the same cancellable work: its confirmation re-runs measure too,
                // still under the run lock, and a signal must stop them as cleanly as the run itself.
                (outcome, verdict) = try await session.run(
                    {
                        let outcome = try await run.execute()
                        // A failed run is gated too: cleanup failures and isolation violations alert whatever its status.
                        guard let gateRequest else { return (outcome, nil) }
                        let verdict = try await RegressionGate(store: store, progress: progress, logger: logger)
                            .evaluate(
                                gateRequest.request(candidate: try await store.run(outcome.runID)))
                        return (outcome, verdict)
                    },
                    interrupted: { signal in
                        guard let runID = startedRun.withLock({ $0 }) else {
                            FailureReport.print("Interrupted by \(signal) before the run started; nothing was stored.")
                            return
                        }
                        await publishStoredRun()
                        FailureReport.print(
                            "Interrupted by \(signal): run \(runID) is stored as aborted with what was measured so far; `sandbox-bench runs show \(runID)` lists any container left for the next run to remove."
                        )
                    })
            } catch {
                if (error as? RunStoreLoss)?.storeAnswers != false { await publishStoredRun() }
                throw error
            }
            if !quiet || outcome.status != .completed {
                CommandOutput.show(
                    RunSummary.render(outcome, wallSeconds: (ContinuousClock.now - started).seconds), terminator: "")
            }
            let candidate = try await store.run(outcome.runID)
            let regressed = verdict.map { !$0.alerts.isEmpty } ?? false
            let failed = verdict.map { !$0.passed } ?? false
            do {
                if let verdict {
                    try await GateReport(
                        outcome: verdict, candidate: candidate, junit: gateOptions.junit, markdown: gateOptions.markdown
                    )
                    .publish(full: false, quiet: quiet)
                }
                // The report of a run that did not complete shows its failures and the alerts the gate stored.
                let written = try await publication.publish(
                    run: candidate, gate: outcome.status == .completed ? verdict : nil)
                if !quiet, let page = written.first(where: { $0.hasSuffix(".html") }) {
                    CommandOutput.show("Report: \(page)")
                }
            } catch let error where failed {
                // A file that could not be written must not hide the gate's exit code.
                FailureReport.warn(ErrorAdvice.sentence(for: error))
            }
            // An alert is the more specific news: a failed run with a cleanup failure exits 1, not 4.
            if regressed { throw ExitCode(1) }
            if outcome.status == .failed {
                throw SuiteFailure(runID: outcome.runID, specs: outcome.invalidSpecs)
            }
            // A metric missing on either side: 4 (the run lacks it) or 2 (the baseline does).
            if let verdict {
                try GateReport(outcome: verdict, candidate: candidate, junit: nil, markdown: nil).finish()
            }
        }
    }
}

extension SpecName: ExpressibleByArgument {}
extension SuiteName: ExpressibleByArgument {}
