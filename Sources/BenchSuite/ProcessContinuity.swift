import BenchModel
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Whether this process ran without a break between two moments: it was not stopped (SIGSTOP,
/// SIGTSTP, a debugger) and the machine was not suspended. A timing that spans such a break
/// measured the break, not the sandbox.
///
/// A stopped process cannot see its stop, but it is told when it goes on: the kernel sends
/// SIGCONT, which a signal source counts (the signal's own action, continuing, is unchanged).
/// A suspended machine shows in its clocks: CLOCK_BOOTTIME counts the suspension,
/// CLOCK_MONOTONIC does not. A process frozen without a signal — the cgroup freezer that
/// `docker pause` and systemd use, a ptrace stop — gets neither: it shows only as time in which
/// it did not run. A heartbeat thread of its own (``Heartbeat``, outside the cooperative pool)
/// wakes every 50 ms and keeps a ``HeartbeatLedger``: the time of each gap between beats that the
/// thread was neither asked to sleep, nor waiting for a CPU, nor running — a busy host makes a
/// beat late by waiting, which the scheduler counts; a freeze does not. A gap still open when a
/// mark is taken waits (suspending) until the thread has beaten again, so that a measurement that
/// ends right after a thaw sees its freeze, and a late beat on a busy host is read as the wait it
/// was; past a second, the open gap counts unless the thread is runnable. An attempt is
/// interrupted when its frozen time is material (``materialFrozen(wall:)``): at least 10 ms, and
/// at least 2 % of its wall time. Taking a
/// ``Mark`` and comparing with it reads counters and clocks — outside any measured section:
/// before an iteration and after it.
package enum ProcessContinuity {
    /// This process's counter and clocks.
    package static let process: any ContinuityProbe = ProcessProbe()

    private struct ProcessProbe: ContinuityProbe {
        func mark() async -> Mark { await ProcessContinuity.mark() }
        func interruption(since mark: Mark) async -> String? { await ProcessContinuity.interruption(since: mark) }
    }

    /// What the counter and the clocks said at one moment.
    package struct Mark: Sendable, Hashable {
        package var continued: Int
        /// CLOCK_BOOTTIME − CLOCK_MONOTONIC: the time the machine has spent suspended since boot.
        package var suspendedNanoseconds: Int64
        /// The time the process has spent frozen (see ``HeartbeatLedger``).
        package var frozenNanoseconds: Int64
        /// When the mark was taken, in CLOCK_MONOTONIC nanoseconds (a test's own clock in tests):
        /// the wall time between two marks is what a freeze is a share of.
        package var atNanoseconds: Int64

        package init(
            continued: Int, suspendedNanoseconds: Int64, frozenNanoseconds: Int64 = 0, atNanoseconds: Int64 = 0
        ) {
            self.continued = continued
            self.suspendedNanoseconds = suspendedNanoseconds
            self.frozenNanoseconds = frozenNanoseconds
            self.atNanoseconds = atNanoseconds
        }
    }

    /// A suspension shorter than this is the two clocks' readings a few instructions apart.
    static let suspensionThreshold: Int64 = 10_000_000

    /// Frozen time below this is not told apart from the heartbeat's noise (two gaps' worth).
    static let frozenFloor: Int64 = 10_000_000
    /// The share of an attempt's wall time from which its frozen time moved what it measured.
    static let frozenShare = 0.02

    /// The frozen time from which an attempt of `wall` nanoseconds measured the freeze: 10 ms, or
    /// 2 % of the wall when that is more. A creation iteration (about 0.45 s) is discarded from a
    /// 10 ms freeze, which moves its 0.33 s create-and-start by 3 %; a 4 s parallel iteration from
    /// 80 ms. Below that the sample moved less than the host's own noise, and a discard would
    /// only spend the spec's re-takes.
    package static func materialFrozen(wall: Int64) -> Int64 {
        max(frozenFloor, Int64((Double(wall) * frozenShare).rounded(.up)))
    }

    /// Now, once the heartbeat has caught up (a late beat's gap closed: see
    /// ``Heartbeat/caughtUp(within:)``).
    package static func mark() async -> Mark {
        watcher.start()
        heartbeat.start()
        await heartbeat.caughtUp()
        return current()
    }

    /// Why the process did not run without a break since `mark`, or nil when it did.
    package static func interruption(since mark: Mark) async -> String? {
        await heartbeat.caughtUp()
        return interruption(from: mark, to: current())
    }

    private static func current() -> Mark {
        Mark(
            continued: continuations.load(ordering: .acquiring), suspendedNanoseconds: suspendedNanoseconds(),
            frozenNanoseconds: heartbeat.frozenNanoseconds(), atNanoseconds: monotonicNanoseconds())
    }

    /// Why the process did not run without a break between two marks, or nil.
    package static func interruption(from start: Mark, to end: Mark) -> String? {
        let stops = end.continued - start.continued
        if stops > 0 {
            return "the tool was stopped and continued (SIGCONT) \(stops == 1 ? "once" : "\(stops) times") during it"
        }
        let suspended = end.suspendedNanoseconds - start.suspendedNanoseconds
        if suspended > suspensionThreshold {
            return "the machine was suspended for \(MetricUnit.seconds.format(Double(suspended) / 1e9)) during it"
        }
        // A gap open at the start mark and closed later adds only its rest: what the ledger had
        // counted of it at the start is subtracted, not the rest of a freeze that ended before.
        let frozen = end.frozenNanoseconds - start.frozenNanoseconds
        let wall = end.atNanoseconds - start.atNanoseconds
        if frozen >= materialFrozen(wall: wall) {
            let of = wall > 0 ? " of its \(MetricUnit.seconds.format(Double(wall) / 1e9))" : ""
            return "the tool did not run for \(MetricUnit.seconds.format(Double(frozen) / 1e9))\(of) "
                + "(frozen without a signal: the cgroup freezer, docker pause, a debugger)"
        }
        return nil
    }

    // MARK: The counter and the clocks

    private static let continuations = Atomic<Int>(0)

    private static func suspendedNanoseconds() -> Int64 {
        nanoseconds(of: CLOCK_BOOTTIME) - nanoseconds(of: CLOCK_MONOTONIC)
    }

    /// The SIGCONT source, started once, on the first mark, and kept for the life of the process.
    private static let watcher = Watcher()

    /// The heartbeat thread, started once, on the first mark, and kept for the life of the process.
    private static let heartbeat = Heartbeat()

    private final class Watcher: Sendable {
        private let source = Mutex<(any DispatchSourceSignal)?>(nil)

        func start() {
            source.withLock { source in
                guard source == nil else { return }
                let made = DispatchSource.makeSignalSource(signal: SIGCONT, queue: .global())
                made.setEventHandler { ProcessContinuity.continuations.add(1, ordering: .releasing) }
                made.resume()
                source = made
            }
        }
    }
}

/// Where an attempt learns whether the process ran without a break: ``ProcessContinuity/process``,
/// or a simulated one in tests (a real SIGCONT would reach every test of the process). Both calls
/// may suspend (never block) until the heartbeat has caught up; neither is inside a measured section.
package protocol ContinuityProbe: Sendable {
    func mark() async -> ProcessContinuity.Mark
    func interruption(since mark: ProcessContinuity.Mark) async -> String?
}
