import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import DockerEngine
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
        let progress: any RunProgress = onTerminal ? TerminalProgress() : WarningsOnlyProgress()

        let request = BenchmarkRun.Request(
            plan: SuitePlan(suite: suite, only: specs, iterations: iterations), profile: profile, host: host, label: label,
            gitCommit: CommitResolver.resolve(flag: commit, environment: environment), hostPython: hostPython,
            seccompProfileFile: profile.seccomp == .dockerDefault ? nil : profile.seccomp)
        let signals = SignalCancellation { signal in
            FailureReport.print("Second signal: exiting without waiting for cleanup; the next run reaps what is left.")
            Foundation.exit(128 + signal)
        }
        let configuration = try comparison.makeConfiguration()
        let gateRequest = gate ? try GateOptions.Request(options: gateOptions, comparison: comparison, configuration: configuration) : nil
        let startedRun = Mutex<Int64?>(nil)
        let started = ContinuousClock.now
        let run = BenchmarkRun(
            request: request, database: store, progress: progress, logger: logger, interruption: { signals.signalName },
            runStarted: { id in startedRun.withLock { $0 = id } })
        // The gate runs inside the same cancellable task: its confirmation re-runs measure too,
        // still under the run lock, and a signal must stop them as cleanly as the run itself.
        let task = Task { () async throws -> (BenchmarkRun.Outcome, RegressionGate.Outcome?) in
            let outcome = try await run.execute()
            guard let gateRequest, outcome.status == .completed else { return (outcome, nil) }
            let verdict = try await RegressionGate(database: store, progress: progress, logger: logger).evaluate(
                gateRequest.request(candidate: try store.run(outcome.runID)))
            return (outcome, verdict)
        }
        signals.cancelOnSignal(task)
        let publication = RunPublication(
            database: store, configuration: configuration, reportDirectory: noReport ? nil : out, metricsFile: metricsFile,
            baseline: gateOptions.baseline, window: comparison.window)

        let outcome: BenchmarkRun.Outcome
        let verdict: RegressionGate.Outcome?
        do {
            (outcome, verdict) = try await task.value
        } catch {
            // A stored run that failed or was interrupted gets its report and textfile too: they say so.
            if let runID = startedRun.withLock({ $0 }), let stored = try? store.run(runID) {
                do {
                    try publication.publish(run: stored, gate: nil)
                } catch let failure {
                    FailureReport.warn("\(failure)")
                }
            }
            if error is CancellationError || signals.signalName != nil {
                FailureReport.print("Interrupted by \(signals.signalName ?? "cancellation"): the run's containers were removed and the run is stored as aborted with what was measured so far.")
                withExtendedLifetime(lock) {}
                Foundation.exit(signals.exitStatus ?? 130)
            }
            throw error
        }
        withExtendedLifetime(lock) {}
        if !quiet || outcome.status != .completed {
            print(RunSummary.render(outcome, wallSeconds: (ContinuousClock.now - started).seconds), terminator: "")
        }
        let candidate = try store.run(outcome.runID)
        let regressed = verdict.map { !$0.passed } ?? false
        do {
            if let verdict {
                try GateReport(outcome: verdict, candidate: candidate, options: gateOptions).publish(full: false, quiet: quiet)
            }
            let written = try publication.publish(run: candidate, gate: verdict)
            if !quiet, let page = written.first(where: { $0.hasSuffix(".html") }) {
                print("Report: \(page)")
            }
        } catch where regressed {
            // A file that could not be written must not hide the regression's exit code.
            FailureReport.warn("\(error)")
        }
        if outcome.status == .failed {
            throw SuiteFailure(runID: outcome.runID, specs: outcome.invalidSpecs)
        }
        if regressed { throw ExitCode(1) }
    }
}

extension SpecName: ExpressibleByArgument {}
extension SuiteName: ExpressibleByArgument {}
