import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import DockerEngine
import Foundation
import Reporting
import ResultsStore
import Sandbox

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark suite against the Docker engine and store the run.",
        discussion: """
            Takes a host-wide lock (a second run exits 3 naming the holder), removes containers \
            left by dead runs, records the environment, runs the suite, stores every sample, and \
            prints a summary. Progress is shown on a terminal; off a terminal only warnings and \
            the summary are printed, and with --quiet nothing unless something is wrong.

            SPECS
            \(SpecName.allCases.map { "  \($0.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

            SUITES
              full   every spec (the default; what the nightly job runs)
              seed   exactly the seed's nine benchmarks with its iteration counts
              quick  every spec with minimal counts, for smoke checks

            SIGINT or SIGTERM stops the run after removing every container it created; the run \
            is stored as aborted with what was measured so far (exit 130 or 143). A second \
            signal exits at once; the next run reaps what is left.
            """
    )

    @Option(help: "Suite to run: full, seed or quick.")
    var suite: SuiteName = .full

    @Option(name: .customLong("spec"), help: ArgumentHelp("Run only this spec (repeatable); see SPECS.", valueName: "name"))
    var specs: [SpecName] = []

    @Option(help: ArgumentHelp("Measured iterations of every spec, instead of the suite's counts.", valueName: "count"))
    var iterations: Int?

    @Option(help: ArgumentHelp("A label stored with the run.", valueName: "text"))
    var label: String?

    @Option(help: ArgumentHelp("The git commit measured (default: from GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT, ...).", valueName: "sha"))
    var commit: String?

    @Option(help: ArgumentHelp("Host interpreter of the direct baseline; resolved to its real executable.", valueName: "path"))
    var hostPython: String = "python3"

    @Flag(help: "Print nothing unless there is a regression or an error (for cron).")
    var quiet = false

    @Flag(help: "Gate the run against its baseline when it completes: exit 1 on any alert (see `gate --help`).")
    var gate = false

    @Option(help: ArgumentHelp("Folder of the run's reports (HTML, Markdown, JSON; latest.* point at the newest).", valueName: "dir"))
    var out: String = ReportWriter.defaultDirectory

    @Flag(help: "Write no report.")
    var noReport = false

    @Option(help: ArgumentHelp("Write the run's key figures and alert count in the Prometheus text format (atomically), for node_exporter's textfile collector.", valueName: "path"))
    var metricsFile: String?

    @OptionGroup(title: "Gate options (with --gate)") var gateOptions: GateOptions
    @OptionGroup(title: "Comparison options (with --gate)") var comparison: ComparisonOptions

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let iterations, iterations < 1 {
            throw ValidationError("--iterations must be at least 1.")
        }
        if !gate, gateOptions.baseline != nil || gateOptions.confirm > 0 || gateOptions.junit != nil || gateOptions.markdown != nil {
            throw ValidationError("--baseline, --confirm, --junit and --markdown apply to the gate; add --gate.")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("sandbox-bench.run")
        let environment = ProcessInfo.processInfo.environment
        let host = try DockerHost(environment: environment)
        let profile = try profileOptions.makeProfile()
        let lock = try RunLock(path: RunLock.defaultPath(environment: environment))
        let store = try database.openForWriting()
        let onTerminal = isatty(STDERR_FILENO) == 1 && !quiet
        let progress: any RunProgress = onTerminal ? TerminalProgress() : SilentProgress()

        let request = BenchmarkRun.Request(
            plan: SuitePlan(suite: suite, only: specs, iterations: iterations), profile: profile, host: host, label: label,
            gitCommit: CommitResolver.resolve(flag: commit, environment: environment), hostPython: hostPython,
            seccompProfileFile: profile.seccomp == .dockerDefault ? nil : profile.seccomp)
        let signals = SignalCancellation { signal in
            FailureReport.print("Second signal: exiting without waiting for cleanup; the next run reaps what is left.")
            Foundation.exit(128 + signal)
        }
        let started = ContinuousClock.now
        let run = BenchmarkRun(
            request: request, database: store, progress: progress, logger: logger, interruption: { signals.signalName })
        let task = Task { try await run.execute() }
        signals.cancelOnSignal(task)

        let outcome: BenchmarkRun.Outcome
        do {
            outcome = try await task.value
        } catch is CancellationError {
            FailureReport.print("Interrupted by \(signals.signalName ?? "cancellation"): the run's containers were removed and the run is stored as aborted with what was measured so far.")
            withExtendedLifetime(lock) {}
            Foundation.exit(signals.exitStatus ?? 130)
        }
        let elapsed = ContinuousClock.now - started
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if !quiet || outcome.status != .completed {
            print(RunSummary.render(outcome, wallSeconds: wall), terminator: "")
        }
        let candidate = try store.run(outcome.runID)
        var verdict: RegressionGate.Outcome?
        if gate, outcome.status == .completed {
            // Still under the run lock: confirmation re-runs measure too.
            verdict = try await RegressionGate(database: store, progress: progress, logger: logger).evaluate(
                gateOptions.request(candidate: candidate, comparison: comparison))
            try GateReport(outcome: verdict!, candidate: candidate, options: gateOptions).publish(full: false, quiet: quiet)
        }
        let publication = RunPublication(
            database: store, configuration: try comparison.makeConfiguration(), reportDirectory: noReport ? nil : out,
            metricsFile: metricsFile, baseline: gateOptions.baseline, window: comparison.window)
        let written = try publication.publish(run: try store.run(outcome.runID), gate: verdict)
        if !quiet, let page = written.first(where: { $0.hasSuffix(".html") }) {
            print("Report: \(page)")
        }
        withExtendedLifetime(lock) {}
        if outcome.status == .failed {
            throw SuiteFailure(runID: outcome.runID, specs: outcome.invalidSpecs)
        }
        if let verdict, !verdict.passed { throw ExitCode(1) }
    }
}

extension SpecName: ExpressibleByArgument {}
extension SuiteName: ExpressibleByArgument {}
