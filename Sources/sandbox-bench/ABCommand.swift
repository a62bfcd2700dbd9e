import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Regression
import Reporting
import ResultsStore
import Sandbox

struct ABCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Measure two sandbox profiles side by side, interleaved, and gate B against A.",
        discussion: """
            A.json and B.json are sandbox profiles (`sandbox-bench profile show` prints one; a key \
            left out takes its default). Both are measured in the same minutes: every spec runs on \
            both sides, one iteration at a time in ABBA order (A B, B A, A B, …), so that neither \
            side meets a warmer or busier machine more often. Each profile runs on its "engine", or \
            on DOCKER_HOST's when it names none (else /var/run/docker.sock). The engines may differ \
            between the sides (two engines on one host): the output, the decision stored with B \
            and the report then say so first.

            Two runs are stored, A then B, labelled "A: a.json" and "B: b.json", on the testbed \
            --testbed (default: this host's name followed by /ab, so that the nightly runs never \
            take an A/B run as their baseline). B is gated against A with the rules and exit codes \
            of `gate`: the decision is stored with B, its baseline (kind ab) names A's run — that \
            is the link between the two runs. The report (Reports/, or --out) shows B against A.

            The specs a relative rule watches (creation, by default) are measured sequentially: \
            from a minimum per side (--min-samples, default \(ABComparison.Sampling.defaultMinimum), or the \
            suite's own count when that is larger) to --max-samples (default \(ABComparison.Sampling.defaultMaximum)), \
            which is never exceeded: a minimum above it is lowered to it. There is a look every 10 \
            samples. The sampling stops early when the verdict is clear: every relative \
            rule's interval of B's worsening lies wholly beyond or wholly within its \
            limit, at confidence 1 − 0.05 / looks, so the chance of stopping early on the wrong \
            side of a limit is at most 5 % per rule. Other specs run their suite counts. Once \
            --budget SECONDS have passed, the sequential sampling stops at the end of its current \
            ABBA block, but never before its minimum; the other specs run first. B is compared with A pair \
            by pair (noise.paired): iteration i of B against iteration i of A, its neighbour in the \
            same ABBA block, as the Hodges-Lehmann estimate of the log-ratios with a bootstrap \
            interval and the Wilcoxon signed-rank test, so that the host's slow and fast spells \
            drop out of each ratio. A relative rule alerts only on a significant change \
            (noise.requiredForAlerts: signed-rank p below 0.05 and the interval on the worse side).

            Exit codes: 0 no alert, 1 alert (also for a side whose cleanup failed), 2 bad input, \
            3 environment, 4 a side failed without an alert.
            """
    )

    @Argument(help: ArgumentHelp("The baseline side's profile (JSON).", valueName: "A.json"))
    var a: String

    @Argument(help: ArgumentHelp("The candidate side's profile (JSON).", valueName: "B.json"))
    var b: String

    @OptionGroup var interleaving: InterleavingOptions

    @Option(help: ArgumentHelp("A label stored with both runs.", valueName: "text"))
    var label: String?

    @Option(
        help: ArgumentHelp("The testbed of both runs (default: this host's name followed by /ab).", valueName: "name"),
        transform: BaselineName.normalized)
    var testbed: String?

    @Option(help: ArgumentHelp("Folder of the report of B against A.", valueName: "dir"))
    var out: String = ReportWriter.defaultDirectory

    @Flag(help: "Write no report.")
    var noReport = false

    @Option(help: ArgumentHelp("Write JUnit XML of the gate of B against A.", valueName: "path"))
    var junit: String?

    @Option(
        help: ArgumentHelp(
            "Write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set).", valueName: "path"))
    var markdown: String?

    @Flag(help: "Print nothing unless there is an alert or an error.")
    var quiet = false

    @OptionGroup(title: "Comparison options") var comparison: ComparisonOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        // ABBA takes turns in blocks of two: an odd count would give one side the last, warmer turn alone.
        if let minSamples = interleaving.minSamples, !minSamples.isMultiple(of: 2) {
            throw ValidationError("--min-samples must be even (whole A B, B A blocks); give \(minSamples + 1).")
        }
        try OutputPreflight.requirePath(out, option: "--out")
        if let testbed {
            do {
                try Testbed.validateGiven(testbed)
            } catch {
                throw ValidationError("--testbed: \(error.description)")
            }
        }
        if comparison.window != nil { throw ValidationError("--window does not apply: B is compared with A.") }
    }

    func run() async throws {
        let logger = logging.makeLogger("sandbox-bench.ab")
        var plan = OutputPreflight.Plan()
        plan.keeps(database: database.location)
        plan.writes(folder: noReport ? nil : out, option: "--out", naming: ReportWriter.writes(fileName:))
        plan.gateFiles(junit: junit, markdown: markdown)
        plan.keeps(a, as: "A's profile, which it reads")
        plan.keeps(b, as: "B's profile, which it reads")
        plan.keeps(comparison.config, as: "the --config file it reads")
        let request = try interleaving.request(
            profiles: [a, b], comparison: comparison, engine: engine, label: label, testbed: testbed,
            kind: "ab")
        request.keepSeccompFiles(in: &plan)
        plan.locks(lock.path)
        try plan.check()
        request.showWeakenings()
        let session = try await MeasuringSession.start(lock: lock.request, quiet: quiet)
        let started = ContinuousClock.now
        try await database.withStore(.createIfMissing) { store in
            let progress = session.progress
            let signals = session.signals
            let outcome = try await session.run(
                {
                    try await ABComparison(
                        request: request, store: store, progress: progress, logger: logger,
                        interruption: { signals.signalName }
                    ).execute()
                },
                interrupted: { signal in
                    FailureReport.print(
                        "Interrupted by \(signal): both sides' containers were removed and both runs are stored as aborted."
                    )
                })
            let conclusion = outcome.conclusion
            let report = GateReport(
                outcome: outcome.gate, candidate: outcome.candidate, junit: junit, markdown: markdown,
                conclusion: conclusion)
            if !quiet || !outcome.gate.passed {
                for line in ABSummary.lines(outcome, request: request, seconds: (ContinuousClock.now - started).seconds)
                { CommandOutput.show(line) }
            }
            try await report.publish(full: !quiet, quiet: quiet)
            try await report.keepingExitCode {
                let written = try await RunPublication(
                    store: store, configuration: ABComparison.judging(request.configuration),
                    reportDirectory: noReport ? nil : out, metricsFile: nil
                )
                .publish(run: outcome.candidate, gate: outcome.gate)
                if !quiet, let page = written.first(where: { $0.hasSuffix(".html") }) {
                    CommandOutput.show("Report: \(page)")
                }
            }
            try conclusion.end()
        }
    }
}

/// What `ab` prints above the gate's verdict: the two runs, how the sequential specs were sampled, the time.
enum ABSummary {
    static func lines(_ outcome: ABComparison.Outcome, request: ABComparison.Request, seconds: Double) -> [String] {
        // Two engines first: every figure below compares them as much as the profiles.
        var lines = outcome.engines.map { [TerminalSafe.inline($0.sentence) + "."] } ?? []
        lines += [
            "A/B on the testbed \(TerminalSafe.inline(request.testbed)), interleaved ABBA, \(String(format: "%.1f", seconds)) s:",
            "  A: run \(outcome.a.runID) (\(outcome.a.status.rawValue)), profile \(TerminalSafe.inline(request.a.source))",
            "  B: run \(outcome.b.runID) (\(outcome.b.status.rawValue)), profile \(TerminalSafe.inline(request.b.source))",
        ]
        let counts = Dictionary(outcome.b.results.map { ($0.spec, $0) }, uniquingKeysWith: { first, _ in first })
        let confidence = ValueFormat.percentage(outcome.confidencePerLook)
        for spec in outcome.sequentialSpecs {
            let measured = counts[spec.rawValue].map { result in Set(result.samples.map(\.iteration)).count } ?? 0
            let how: String =
                switch outcome.endings[spec] {
                case .clear: "stopped early: the verdict was clear at \(confidence) confidence"
                case .deadline: "stopped by the budget"
                case nil: "ran to its maximum"
                }
            lines.append("  \(spec.rawValue): \(measured) measured samples per side, \(how)")
        }
        return lines
    }
}
