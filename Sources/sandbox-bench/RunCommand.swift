import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Reporting
import ResultsStore
import Sandbox

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

    @Option(
        help: ArgumentHelp(
            "A label stored with the run (in Unicode's composed form; no invisible, control or format characters).",
            valueName: "text"),
        transform: { $0.precomposedStringWithCanonicalMapping })
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

    @OptionGroup(title: "Host load") var hostLoadOptions: HostLoadOptions

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
        if let label, let problem = VisibleText.problem(inName: label) {
            throw ValidationError("--label: \(problem); type it again without it.")
        }
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
                || gateOptions.markdown != nil || gateOptions.reportURL != nil
        {
            throw ValidationError(
                "--baseline, --baseline-file, --confirm, --junit, --markdown and --report-url apply to the gate; "
                    + "add --gate.")
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
        let profile = try profileOptions.makeProfile()
        // Said before anything is measured, even with --quiet: a weakened sandbox is never silent.
        if let warning = profile.weakeningWarning(label: "the profile") {
            CommandOutput.show(TerminalSafe.inline(warning))
        }
        let configuration = try comparison.makeConfiguration()
        let hostLoad = hostLoadOptions.policy
        var gateSettings = gate ? try GateOptions.settings(gateOptions, comparison: comparison, engine: engine) : nil
        // An alert withheld because the host was busy is measured again, as the run was.
        gateSettings?.hostLoad = hostLoad
        let request = NightlyRun.Request(
            run: BenchmarkRun.Request(
                plan: SuitePlan(suite: suite, only: specs, iterations: iterations),
                profile: profile, label: label,
                gitCommit: CommitResolver.resolve(flag: commit, environment: ProcessInfo.processInfo.environment),
                hostPython: hostPython ?? "python3", testbed: testbed.testbed, deadlines: engine.deadlines,
                hostLoad: hostLoad),
            // The gate's baseline file is read before the suite starts, too.
            gate: gateSettings,
            configuration: configuration, window: comparison.window, reportDirectory: noReport ? nil : out,
            metricsFile: metricsFile)
        let session = try await MeasuringSession.start(lock: lock.request, quiet: quiet)
        try await database.withStore(.createIfMissing) { store in
            let signals = session.signals
            let nightly = NightlyRun(
                request: request, store: store, progress: session.progress, logger: logger,
                interruption: { signals.signalName })
            let started = ContinuousClock.now
            let measured = try await session.run(
                { try await nightly.measure() },
                interrupted: { signal in
                    let interruption = await nightly.interrupted()
                    for failure in interruption.failures { FailureReport.warn(ErrorAdvice.sentence(for: failure)) }
                    FailureReport.print(Self.sentence(signal, interruption))
                })
            let conclusion = measured.conclusion
            if !quiet || measured.run.status != .completed {
                CommandOutput.show(
                    RunSummary.render(measured.run, wallSeconds: (ContinuousClock.now - started).seconds),
                    terminator: "")
            }
            if let verdict = measured.gate {
                try await GateReport(
                    outcome: verdict, candidate: measured.candidate, junit: gateOptions.junit,
                    markdown: gateOptions.markdown, link: try gateOptions.summaryLink(), conclusion: conclusion
                )
                .publish(full: false, quiet: quiet)
            }
            let published = await nightly.publish(measured)
            for failure in try conclusion.keeping(published.failures) {
                FailureReport.warn(ErrorAdvice.sentence(for: failure))
            }
            if !quiet, let page = published.written.first(where: { $0.hasSuffix(".html") }) {
                CommandOutput.show("Report: \(page)")
            }
            try conclusion.end()
        }
    }

    /// What an interrupted run says: what was stored, and where to see what is left.
    static func sentence(_ signal: String, _ interruption: NightlyRun.Interruption) -> String {
        guard let id = interruption.runID else {
            return "Interrupted by \(signal) before the run started; nothing was stored."
        }
        let status = (interruption.status ?? .aborted).rawValue
        return
            "Interrupted by \(signal): run \(id) is stored as \(status) with what was measured so far; "
            + "`sandbox-bench runs show \(id)` lists any container left for the next run to remove."
    }
}

extension SpecName: ExpressibleByArgument {}
extension SuiteName: ExpressibleByArgument {}
