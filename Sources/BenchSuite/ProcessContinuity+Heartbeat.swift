import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension ProcessContinuity {
    /// A thread of its own (never a task: the cooperative pool must not sleep) that beats every
    /// ``HeartbeatLedger/period`` and keeps the ledger of the time the process was frozen.
    ///
    /// Each beat reads the clock and the thread's own schedstat through a file kept open (one
    /// `pread` of a few bytes, nothing allocated): about 20 µs every 50 ms on this kind of host,
    /// 0.04 % of one core, on a thread of its own that measures nothing.
    final class Heartbeat: Sendable {
        private let started = Atomic<Bool>(false)
        private let ledger = Mutex(HeartbeatLedger(startedAt: 0, schedule: nil))
        /// The thread's own folder in /proc (`/proc/<pid>/task/<tid>`), open for reading its
        /// schedstat from outside while a gap is open; -1 until known.
        private let folder = Atomic<Int32>(-1)

        func start() {
            guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
            else { return }
            // The ledger starts now, so that a mark taken before the thread first runs sees no gap.
            ledger.withLock { $0 = HeartbeatLedger(startedAt: monotonicNanoseconds(), schedule: nil) }
            let thread = Thread { [self] in
                let own = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)
                folder.store(open("/proc/thread-self", O_RDONLY | O_DIRECTORY | O_CLOEXEC), ordering: .releasing)
                let first = Self.schedule(of: own)
                ledger.withLock { $0 = HeartbeatLedger(startedAt: monotonicNanoseconds(), schedule: first) }
                while true {
                    usleep(useconds_t(HeartbeatLedger.period / 1000))
                    let now = monotonicNanoseconds()
                    let schedule = Self.schedule(of: own)
                    ledger.withLock { $0.beat(at: now, schedule: schedule) }
                }
            }
            thread.name = "sandbox-bench heartbeat"
            thread.start()
        }

        /// The total so far, with the gap still open since the last beat (the thread has not beaten
        /// since a thaw). The thread's schedstat is read from outside only when that gap is late.
        func frozenNanoseconds() -> Int64 {
            guard started.load(ordering: .acquiring) else { return 0 }
            let now = monotonicNanoseconds()
            let snapshot = ledger.withLock { $0 }
            guard now - snapshot.lastBeat > HeartbeatLedger.period + HeartbeatLedger.gapNoise else {
                return snapshot.frozen
            }
            var schedule: ThreadSchedule?
            let folder = folder.load(ordering: .acquiring)
            if folder >= 0 {
                let file = openat(folder, "schedstat", O_RDONLY | O_CLOEXEC)
                schedule = Self.schedule(of: file)
                if file >= 0 { close(file) }
            }
            return snapshot.frozen(at: now, schedule: schedule)
        }

        /// The schedstat behind `file`, read from its start; nil when it cannot be read.
        private static func schedule(of file: Int32) -> ThreadSchedule? {
            guard file >= 0 else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
                let count = pread(file, buffer.baseAddress, buffer.count, 0)
                guard count > 0 else { return nil }
                return ThreadSchedule(schedstat: buffer.prefix(count))
            }
        }
    }

    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
