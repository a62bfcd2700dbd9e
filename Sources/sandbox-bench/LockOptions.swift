import ArgumentParser
import BenchWorkflow

/// `--wait-lock`, shared by the commands that take the host-wide run lock (`run`, `ab`, and
/// `gate --confirm`): a nightly timer and a CI job on one host queue instead of failing.
struct LockOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "When another run holds the host-wide run lock, wait up to this many seconds (1 to 86400) for it "
                + "instead of exiting 3 at once; one line says whom it waits for.",
            valueName: "seconds"),
        transform: { try NumberArgument.decimal($0, in: 1...86_400, unit: "seconds") })
    var waitLock: Double?

    /// The lock this command takes: `SANDBOX_BENCH_LOCK`, else the default
    /// (see ``RunLock/defaultPath(environment:isRoot:)``).
    var path: String { RunLock.defaultPath() }

    var request: MeasuringSession.LockRequest {
        MeasuringSession.LockRequest(path: path, wait: waitLock.map { .milliseconds(Int64(($0 * 1000).rounded())) })
    }
}
