import BenchModel
import BenchSuite

/// How a nightly run deals with the host's other work: it measures the foreign load around
/// every iteration (busy iterations are measured again, see ``SpecRecorder/attempt``), and first
/// waits up to ``quietWait`` for a quiet host.
package struct HostLoadPolicy: Sendable, Hashable {
    /// The longest wait for a quiet host before the first spec; zero: no wait.
    package var quietWait: Duration

    /// The nightly `run`'s default: a minute, so that a build that is ending, or a neighbour's
    /// burst, is waited out, while a host that stays busy costs a nightly run no more than that.
    package static let defaultQuietWait = Duration.seconds(60)

    package init(quietWait: Duration = HostLoadPolicy.defaultQuietWait) {
        self.quietWait = quietWait
    }

    /// Waits up to ``quietWait`` for a window that is not busy (``HostLoad/isBusy``: at most
    /// ``HostLoad/busyCores`` of foreign load, and some task waiting for I/O at most
    /// ``HostLoad/busyIOWaitShare`` of the time), saying so in one line when it has to wait, and
    /// when it gives up.
    func waitForQuietHost(_ probe: AnyHostLoadProbe, progress: any RunProgress) async {
        guard quietWait > .zero, let first = await probe.waitForQuiet(upTo: .zero), first.isBusy else { return }
        progress.warning(
            "waiting up to \(MetricUnit.seconds.format(quietWait.seconds)) for a quiet host: "
                + "\(HostLoad.describe(cores: first.foreignCores, ioWaitShare: first.ioWaitShare)) (--quiet-wait)")
        guard let last = await probe.waitForQuiet(upTo: quietWait), last.isBusy else { return }
        progress.warning(
            "the host stayed busy (\(HostLoad.describe(cores: last.foreignCores, ioWaitShare: last.ioWaitShare))): measuring "
                + "anyway; busy iterations are measured again, and the run is marked busy if they stay busy")
    }
}
