import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Regression
import Reporting
import ResultsStore
import Sandbox

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Measure sandbox profiles side by side, interleaved, and show them as a matrix.",
        discussion: """
            P1.json P2.json … are sandbox profiles (two to \(maximumProfiles); `sandbox-bench profile show` \
            prints one). Every profile is measured in the same minutes: every spec runs on every side, \
            one iteration at a time in a rotating order (A B C, B C A, C A B, …), so that no profile \
            meets a warmer or busier machine more often. Each profile runs on its "engine", or on \
            DOCKER_HOST's when it names none.

            One run per profile is stored, labelled "A: p1.json", "B: p2.json", …, on the testbed \
            --testbed (default: this host's name followed by /compare). Each profile after the first is \
            gated against the first as `ab` gates B against A (pair by pair, a relative rule alerting \
            only on a significant change; the isolation-weakening rule naming each property lost): its \
            decision is stored with its run, and its baseline (kind compare) names the first run — the \
            link between the runs. The sequential sampling of `ab` applies, in whole rotations: a \
            sequential spec stops early once every profile's verdict against the first is clear.

            The matrix — creation, cold and warm exec overhead, parallel efficiency, memory per idle \
            sandbox where the engine reports it, isolation properties held — is printed, and written \
            to --out as compare-N.html (the report page), compare-N.md and compare-N.json, N the first \
            run's id.

            Exit codes: 0 no alert, 1 an alert of any profile against the first (a slower sandbox \
            alerts too: its creation is compared with the first's), 2 bad input, 3 environment, \
            4 a side failed without an alert.
            """
    )

    static let maximumProfiles = 8

    @Argument(help: ArgumentHelp("The profiles (JSON), the first the baseline.", valueName: "P.json"))
    var profiles: [String] = []

    @OptionGroup var interleaving: InterleavingOptions

    @Option(help: ArgumentHelp("A label stored with every run.", valueName: "text"))
    var label: String?

    @Option(
        help: ArgumentHelp(
            "The testbed of every run (default: this host's name followed by /compare).", valueName: "name"),
        transform: BaselineName.normalized)
    var testbed: String?

    @Option(help: ArgumentHelp("Folder of the matrix's page, Markdown and JSON.", valueName: "dir"))
    var out: String = ReportWriter.defaultDirectory

    @Flag(help: "Write no files; print the matrix only.")
    var noReport = false

    @Flag(help: "Print nothing unless there is an alert or an error.")
    var quiet = false

    @OptionGroup(title: "Comparison options") var comparison: ComparisonOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (2...Self.maximumProfiles).contains(profiles.count) else {
            throw ValidationError(
                "compare takes 2 to \(Self.maximumProfiles) profiles, the first the baseline; got \(profiles.count).")
        }
        try OutputPreflight.requirePath(out, option: "--out")
        if let testbed {
            do {
                try Testbed.validateGiven(testbed)
            } catch {
                throw ValidationError("--testbed: \(error.description)")
            }
        }
        if comparison.window != nil {
            throw ValidationError("--window does not apply: each profile is compared with the first.")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("sandbox-bench.compare")
        var plan = OutputPreflight.Plan()
        plan.keeps(database: database.location)
        plan.writes(folder: noReport ? nil : out, option: "--out", naming: SandboxMatrixWriter.writes(fileName:))
        for (index, path) in profiles.enumerated() {
            plan.keeps(path, as: "\(ABSide(index).rawValue)'s profile, which it reads")
        }
        plan.keeps(comparison.config, as: "the --config file it reads")
        let request = try interleaving.request(
            profiles: profiles, comparison: comparison, engine: engine, label: label, testbed: testbed,
            kind: "compare")
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
                        "Interrupted by \(signal): every side's containers were removed and every run is stored "
                            + "as aborted.")
                })
            let conclusion = outcome.conclusion
            let matrix = outcome.matrix(request: request, seconds: (ContinuousClock.now - started).seconds)
            if !quiet || conclusion.fails {
                for line in matrix.terminalLines() { CommandOutput.show(line) }
                for candidate in outcome.candidates where !candidate.gate.alerts.isEmpty {
                    for alert in candidate.gate.alerts {
                        CommandOutput.show("  \(candidate.side) alert: \(TerminalSafe.inline(alert.message))")
                    }
                }
            }
            if !noReport {
                do {
                    let written = try SandboxMatrixWriter(directory: out).write(matrix)
                    if !quiet, let page = written.first { CommandOutput.show("Report: \(page)") }
                } catch  where conclusion.fails {
                    // A file that could not be written must not hide the comparison's exit code.
                    FailureReport.warn(ErrorAdvice.sentence(for: error))
                }
            }
            try conclusion.end()
        }
    }
}
