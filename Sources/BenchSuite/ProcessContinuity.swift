import BenchModel
import Dispatch
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
/// CLOCK_MONOTONIC does not. Taking a ``Mark`` and comparing with it reads a counter and two
/// clocks — outside any measured section: before an iteration and after it.
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

        package init(continued: Int, suspendedNanoseconds: Int64) {
            self.continued = continued
            self.suspendedNanoseconds = suspendedNanoseconds
        }
    }

    /// A suspension shorter than this is the two clocks' readings a few instructions apart.
    static let suspensionThreshold: Int64 = 10_000_000

    /// Now.
    package static func mark() -> Mark {
        watcher.start()
        return Mark(continued: continuations.load(ordering: .acquiring), suspendedNanoseconds: suspendedNanoseconds())
    }

    /// Why the process did not run without a break since `mark`, or nil when it did.
    package static func interruption(since mark: Mark) -> String? {
        interruption(
            from: mark,
            to: Mark(continued: continuations.load(ordering: .acquiring), suspendedNanoseconds: suspendedNanoseconds()))
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
