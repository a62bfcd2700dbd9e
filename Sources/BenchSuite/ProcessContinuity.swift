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
/// wakes every 50 ms and adds every gap between two beats longer than ``frozenThreshold`` to a
/// total; a gap still open when a mark is taken counts too, so a measurement that ends before the
/// thread has run again after a thaw still sees it. Taking a ``Mark`` and comparing with it reads
/// counters and clocks — outside any measured section: before an iteration and after it.
package enum ProcessContinuity {
    /// This process's counter and clocks.
    package static let process: any ContinuityProbe = ProcessProbe()

    private struct ProcessProbe: ContinuityProbe {
        func mark() -> Mark { ProcessContinuity.mark() }
        func interruption(since mark: Mark) -> String? { ProcessContinuity.interruption(since: mark) }
    }

    /// What the counter and the clocks said at one moment.
    package struct Mark: Sendable, Hashable {
        package var continued: Int
        /// CLOCK_BOOTTIME − CLOCK_MONOTONIC: the time the machine has spent suspended since boot.
        package var suspendedNanoseconds: Int64
        /// The time the process has spent not running in gaps longer than ``frozenThreshold``.
        package var frozenNanoseconds: Int64

        package init(continued: Int, suspendedNanoseconds: Int64, frozenNanoseconds: Int64 = 0) {
            self.continued = continued
            self.suspendedNanoseconds = suspendedNanoseconds
            self.frozenNanoseconds = frozenNanoseconds
        }
    }

    /// A suspension shorter than this is the two clocks' readings a few instructions apart.
    static let suspensionThreshold: Int64 = 10_000_000

    /// A gap this long between two heartbeats of 50 ms is a process that did not run: a loaded
    /// machine delays a waking thread by milliseconds, tens of them at worst, not by a second.
    static let frozenThreshold: Int64 = 1_000_000_000

    /// Now.
    package static func mark() -> Mark {
        watcher.start()
        heartbeat.start()
        return current()
    }

    /// Why the process did not run without a break since `mark`, or nil when it did.
    package static func interruption(since mark: Mark) -> String? {
        interruption(from: mark, to: current())
    }

    private static func current() -> Mark {
        Mark(
            continued: continuations.load(ordering: .acquiring), suspendedNanoseconds: suspendedNanoseconds(),
            frozenNanoseconds: heartbeat.frozenNanoseconds())
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
        // A gap open at the start mark and closed later adds only its rest: count what is left
        // beyond the threshold, not the rest of a freeze that ended before the iteration began.
        let frozen = end.frozenNanoseconds - start.frozenNanoseconds
        if frozen > frozenThreshold {
            return "the tool did not run for \(MetricUnit.seconds.format(Double(frozen) / 1e9)) during it "
                + "(frozen without a signal: the cgroup freezer, docker pause, a debugger)"
        }
        return nil
    }

    // MARK: The counter and the clocks

    private static let continuations = Atomic<Int>(0)

    private static func suspendedNanoseconds() -> Int64 {
        var boot = timespec()
        var monotonic = timespec()
        clock_gettime(CLOCK_BOOTTIME, &boot)
        clock_gettime(CLOCK_MONOTONIC, &monotonic)
        return (Int64(boot.tv_sec) - Int64(monotonic.tv_sec)) * 1_000_000_000
            + (Int64(boot.tv_nsec) - Int64(monotonic.tv_nsec))
    }

    /// The SIGCONT source, started once, on the first mark, and kept for the life of the process.
    private static let watcher = Watcher()

    /// The heartbeat thread, started once, on the first mark, and kept for the life of the process.
    private static let heartbeat = Heartbeat()

    /// A thread of its own (never a task: the cooperative pool must not sleep) that beats every
    /// 50 ms and totals the gaps between beats longer than ``frozenThreshold``.
    private final class Heartbeat: Sendable {
        private let started = Atomic<Bool>(false)
        private let lastBeat = Atomic<Int64>(0)
        private let frozen = Atomic<Int64>(0)

        func start() {
            guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
            else { return }
            lastBeat.store(Self.monotonicNanoseconds(), ordering: .releasing)
            let thread = Thread { [self] in
                while true {
                    usleep(50_000)
                    let now = Self.monotonicNanoseconds()
                    let gap = now - lastBeat.load(ordering: .acquiring)
                    if gap > ProcessContinuity.frozenThreshold { frozen.add(gap, ordering: .releasing) }
                    lastBeat.store(now, ordering: .releasing)
                }
            }
            thread.name = "sandbox-bench heartbeat"
            thread.start()
        }

        /// The total so far, with a gap that is still open (the thread has not beaten since a thaw).
        func frozenNanoseconds() -> Int64 {
            guard started.load(ordering: .acquiring) else { return 0 }
            let open = Self.monotonicNanoseconds() - lastBeat.load(ordering: .acquiring)
            return frozen.load(ordering: .acquiring) + (open > ProcessContinuity.frozenThreshold ? open : 0)
        }

        private static func monotonicNanoseconds() -> Int64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        }
    }

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
/// or a simulated one in tests (a real SIGCONT would reach every test of the process).
package protocol ContinuityProbe: Sendable {
    func mark() -> ProcessContinuity.Mark
    func interruption(since mark: ProcessContinuity.Mark) -> String?
}
