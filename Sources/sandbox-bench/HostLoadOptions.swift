import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation

/// How `run` deals with the host's other work (docs/regression.md, "Foreign load").
struct HostLoadOptions: ParsableArguments {
    /// Set to 1, the same as `--ignore-host-load`: for a machine whose other work is known and
    /// must not hold a run up (the project's own test suite, which runs many commands at once).
    static let ignoreVariable = "SANDBOX_BENCH_IGNORE_HOST_LOAD"

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Before measuring, wait up to this many seconds (0 to 3600, default 60) for the host's other work "
                + "to fall to \(MetricUnit.ratio.format(HostLoad.busyCores)) cores or less and its I/O wait to "
                + "\(MetricUnit.percent.format(HostLoad.percent(ofShare: HostLoad.busyIOWaitShare))) of the time or "
                + "less; one line says what it waits for. Busy iterations are measured again either way.",
            valueName: "seconds"),
        transform: { try NumberArgument.decimal($0, in: 0...3_600, unit: "seconds") })
    var quietWait: Double = HostLoadPolicy.defaultQuietWait.seconds

    @Flag(
        help: ArgumentHelp(
            "Do not measure the host's other work: no wait for a quiet host, no re-measurement of busy "
                + "iterations, no busy mark, no alert withheld (also \(HostLoadOptions.ignoreVariable)=1)."))
    var ignoreHostLoad = false

    /// The run's policy; nil when the host's load is not to be measured.
    var policy: HostLoadPolicy? {
        guard !ignoreHostLoad, !Self.ignoredByEnvironment else { return nil }
        return HostLoadPolicy(quietWait: .milliseconds(Int64((quietWait * 1000).rounded())))
    }

    /// The policy of a re-measurement a command starts without these options (`gate --confirm`).
    static var defaultPolicy: HostLoadPolicy? { ignoredByEnvironment ? nil : HostLoadPolicy() }

    static var ignoredByEnvironment: Bool { ProcessInfo.processInfo.environment[ignoreVariable] == "1" }
}
