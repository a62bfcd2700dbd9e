import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import ResultsStore

/// What `ab` and `compare` measure and how long their sequential specs sample — the suite and
/// specs, the sampling bounds and budget, the host interpreter of the direct baseline — and the
/// one place their `ABComparison.Request` is built from the profiles they were given.
struct InterleavingOptions: ParsableArguments {
    @Option(help: "Suite to run: full, original or quick.")
    var suite: SuiteName = .full

    @Option(
        name: .customLong("spec"),
        help: ArgumentHelp("Run only this spec (repeatable); see `run --help`.", valueName: "name"))
    var specs: [SpecName] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Stop adding sequential samples once this many seconds (1 to 86400) have passed.", valueName: "seconds"),
        transform: { try NumberArgument.decimal($0, in: 1...86_400, unit: "seconds") })
    var budget: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Measured samples per side before the sequential specs may stop, by a clear verdict or the budget "
                + "(2 to 10000; default \(ABComparison.Sampling.defaultMinimum), "
                + "or the suite's count when larger; never more than --max-samples; whole turns of the sides: "
                + "even for `ab`, rounded up to whole rotations for `compare`).",
            valueName: "N"),
        transform: { try NumberArgument.whole($0, in: 2...10_000) })
    var minSamples: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Most measured samples per side of a sequential spec (2 to 10000; default "
                + "\(ABComparison.Sampling.defaultMaximum)); never exceeded, whatever the suite's count.",
            valueName: "N"),
        transform: { try NumberArgument.whole($0, in: 2...10_000) })
    var maxSamples: Int = ABComparison.Sampling.defaultMaximum

    @Option(
        help: ArgumentHelp(
            "Host interpreter of the direct baseline; resolved to its real executable.", valueName: "path"))
    var hostPython: String = "python3"

    func validate() throws {
        if let minSamples, maxSamples < minSamples {
            throw ValidationError("--max-samples must be --min-samples (\(minSamples)) to 10000.")
        }
        if ExecutableLookup.find(hostPython) == nil {
            throw ValidationError(
                "--host-python \(hostPython) is not an executable file or a command on PATH; "
                    + "give the path of a Python interpreter.")
        }
    }

    /// The comparison of the profiles at `paths`, A first, each labelled by its file name: the
    /// suite, specs, sampling, budget and interpreter given here, the rules of `comparison`, the
    /// engine deadlines of `engine`, stored with `label` on `testbed`. `kind`, the command's name
    /// (`ab`, `compare`), is the kind of the decisions' baseline and ends the default testbed's
    /// name (this host's name followed by /ab), so that the nightly runs never take such a run
    /// as their baseline.
    func request(
        profiles paths: [String], comparison: ComparisonOptions, engine: EngineOptions, label: String?,
        testbed: String?, kind: String
    ) throws -> ABComparison.Request {
        let (configuration, configurationFile) = try comparison.makeConfigurationWithFile()
        var request = ABComparison.Request(
            sides: try paths.map {
                .init(profile: try ProfileCommand.read($0), source: URL(fileURLWithPath: $0).lastPathComponent)
            },
            plan: SuitePlan(suite: suite, only: specs), configuration: configuration,
            configurationFile: configurationFile,
            sampling: .init(
                minimum: minSamples ?? min(ABComparison.Sampling.defaultMinimum, maxSamples), maximum: maxSamples),
            budget: budget.map { .milliseconds(Int64($0 * 1000)) }, label: label,
            gitCommit: CommitResolver.resolve(flag: nil, environment: ProcessInfo.processInfo.environment),
            hostPython: hostPython, testbed: testbed ?? Testbed.defaultName + "/" + kind, deadlines: engine.deadlines)
        request.baselineKind = kind
        return request
    }
}

extension ABComparison.Request {
    /// Each side's seccomp file is read too: no output of `plan` may be another name of it.
    func keepSeccompFiles(in plan: inout OutputPreflight.Plan) {
        for (index, side) in sides.enumerated() {
            plan.keeps(side.profile.seccomp.path, as: "\(ABSide(index).rawValue)'s seccomp profile, which it reads")
        }
    }

    /// Said before anything is measured, even with --quiet: a weakened sandbox is never silent.
    func showWeakenings() {
        for (index, side) in sides.enumerated() {
            if let warning = side.profile.weakeningWarning(label: "\(ABSide(index).rawValue) (\(side.source))") {
                CommandOutput.show(TerminalSafe.inline(warning))
            }
        }
    }
}
