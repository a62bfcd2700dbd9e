import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Regression
import Reporting
import ResultsStore

struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Fail (exit 1) when a run regressed against its baseline.",
        discussion: """
            Compares RUN (default: the latest run) with the baseline, stores the alerts with the \
            run, prints the verdict, and exits 1 on any alert, 0 otherwise (2 bad input, 3 \
            environment). The default rules: creation more than 20 % slower \
            than the baseline, parallel efficiency below 0.5, any cleanup failure. With no \
            baseline yet, the gate passes and says that this run is now the reference.

            --confirm N re-runs only the specs behind noise-prone alerts N times (stored as \
            confirmation runs linked to RUN) and keeps an alert only when a majority of the \
            re-runs reproduce it; cleanup failures are never re-run away.
            """
    )

    @Argument(help: ArgumentHelp("Run to gate: a run id or latest.", valueName: "run"))
    var run: String?

    @Option(help: ArgumentHelp("Write the run's key figures and alert count in the Prometheus text format (atomically).", valueName: "path"))
    var metricsFile: String?

    @OptionGroup var gate: GateOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: TestbedFilterOption
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try OutputPreflight.requirePath(metricsFile, option: "--metrics-file")
    }

    func run() async throws {
        // Checked before the gate stores anything: a textfile that cannot be written must not end a gate half-way.
        if let metricsFile { try OutputPreflight.checkFile(metricsFile) }
        let logger = logging.makeLogger("sandbox-bench.gate")
        try await database.location.withStore(.existing) { store in
            let candidate = try await store.read { [run, testbed = testbed.testbed] in try BaselineResolver($0).candidate(run, testbed: testbed) }
            let gateRequest = try GateOptions.Request(options: gate, comparison: comparison)
            let configuration = gateRequest.configuration
            let request = gateRequest.request(candidate: candidate)
            // Confirmation re-runs measure: they must not overlap another run, and a signal stops them
            // after their containers are removed.
            let session = try MeasuringSession(takeLock: gate.confirm > 0, quiet: false)
            let progress = session.progress
            let outcome = try await session.run({
                try await RegressionGate(store: store, progress: progress, logger: logger).evaluate(request)
            }, interrupted: { signal in
                FailureReport.print("Interrupted by \(signal) while confirming: the re-run's containers were removed; no alert was stored.")
            })
            try GateReport(outcome: outcome, candidate: candidate, options: gate).publish(full: true, quiet: false)
            if let metricsFile {
                try await RunPublication(store: store, configuration: configuration, reportDirectory: nil, metricsFile: metricsFile)
                    .publish(run: candidate, gate: outcome)
            }
            if !outcome.passed { throw ExitCode(1) }
        }
    }
}

/// Options of the gate, shared by `gate` and `run --gate`.
struct GateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Baseline: a baseline name, a run id, or latest (default: `default`, else the latest clean run).", valueName: "name"))
    var baseline: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Re-run the specs behind each noise-prone alert this many times (0 to 20); keep the alert only if most re-runs reproduce it.", valueName: "N"),
        transform: { try NumberArgument.whole($0, in: 0...20) })
    var confirm: Int = 0

    @Option(help: ArgumentHelp("Write JUnit XML: one test case per rule and metric, failures carrying the numbers.", valueName: "path"))
    var junit: String?

    @Option(help: ArgumentHelp("Write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set).", valueName: "path"))
    var markdown: String?

    /// Everything the gate needs but the candidate, taken from the command line once.
    struct Request: Sendable {
        var baseline: String?
        var window: Int?
        var configuration: RegressionConfiguration
        var configurationFile: GateDecision.ConfigurationFile?
        var confirmations: Int

        init(options: GateOptions, comparison: ComparisonOptions) throws {
            baseline = options.baseline
            window = comparison.window
            (configuration, configurationFile) = try comparison.makeConfigurationWithFile()
            confirmations = options.confirm
        }

        func request(candidate: RunRecord) -> RegressionGate.Request {
            RegressionGate.Request(
                candidate: candidate, baseline: baseline, window: window, configuration: configuration,
                configurationFile: configurationFile, confirmations: confirmations)
        }
    }
}

/// Prints and writes what the gate decided.
struct GateReport {
    let outcome: RegressionGate.Outcome
    let candidate: RunRecord
    let options: GateOptions

    /// `full` prints the whole comparison table; otherwise only the verdict and the alerts.
    /// `quiet` prints nothing when the gate passed.
    func publish(full: Bool, quiet: Bool) throws {
        let result = outcome.comparison.result
        if full {
            CommandOutput.show(TerminalTable.render(result), terminator: "")
        } else if !quiet || !outcome.passed {
            for alert in outcome.alerts { CommandOutput.show("ALERT \(alert.message)") }
            for difference in result.environmentDifferences {
                CommandOutput.show("warning: \(difference.field) differs from the baseline: \(difference.baseline) → \(difference.current)")
            }
        }
        if !quiet || !outcome.passed {
            for dismissed in outcome.dismissed { CommandOutput.show("dismissed: \(dismissed.message)") }
            if !outcome.confirmationRunIDs.isEmpty {
                CommandOutput.show("Confirmation runs: \(outcome.confirmationRunIDs.map(String.init).joined(separator: ", ")).")
            }
            CommandOutput.show(outcome.passed
                ? "Gate passed: run \(candidate.id) vs \(result.baselineLabel ?? "no baseline"), no alert."
                : "Gate FAILED: run \(candidate.id) vs \(result.baselineLabel ?? "no baseline"), \(outcome.alerts.count) alert(s).")
        }
        if outcome.isFirstReference, !quiet || !outcome.passed {
            CommandOutput.show(
                "No baseline yet: the rules that compare with a baseline were skipped. Run \(candidate.id) "
                    + (outcome.passed
                        ? "is now the reference for the next gate (as the latest run without alerts); pin it with `sandbox-bench baseline set default \(candidate.id)`."
                        : "raised alerts, so it will not become the reference; pin a good run with `sandbox-bench baseline set default RUN`."))
        }
        try writeFiles(junit: JUnitReport.render(result, timestamp: candidate.startedAt), markdown: MarkdownSummary.render(result))
    }

    private func writeFiles(junit: String?, markdown: String) throws {
        if let path = options.junit, let junit {
            try OutputFile.write(junit, to: path, option: "--junit")
        }
        if let path = options.markdown {
            try OutputFile.write(markdown, to: path, option: "--markdown")
        }
        if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try OutputFile.append(markdown + "\n", to: summary, option: "GITHUB_STEP_SUMMARY")
        }
    }
}

/// Files the gate writes for CI systems; failures are environment errors (exit 3) with the path.
enum OutputFile {
    static func write(_ text: String, to path: String, option: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFileError(option: option, path: path, reason: FileSystemError.reason(error))
        }
    }

    static func append(_ text: String, to path: String, option: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? createThenOpen(path) else {
            throw OutputFileError(option: option, path: path, reason: "it cannot be opened for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw OutputFileError(option: option, path: path, reason: FileSystemError.reason(error))
        }
    }

    private static func createThenOpen(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }
}

struct OutputFileError: CategorizedError {
    let option: String
    let path: String
    let reason: String
    var kind: FailureKind { .environment }
    var description: String { "\(option): \(path) could not be written (\(reason)); give a writable path." }
}
