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
    /// `pread` of a few bytes, nothing allocated) and publishes the ledger in atomics: the thread
    /// takes no lock, since time it spent blocked on one would be neither waiting nor running,
    /// and so would read as frozen. About 20 µs every 50 ms, 0.04 % of one core, on a thread of
    /// its own that measures nothing.
    final class Heartbeat: Sendable {
        private let started = Atomic<Bool>(false)
        /// The ledger's last beat and total, published by the thread after each beat (the total
        /// first, so that a reader that sees a beat sees its total).
        private let lastBeat = Atomic<Int64>(0)
        private let frozen = Atomic<Int64>(0)
        /// The thread's own folder in /proc (`/proc/<pid>/task/<tid>`), open for reading its
        /// state and schedstat from outside while a gap is open; -1 until known.
        private let folder = Atomic<Int32>(-1)
        /// The schedule at the last beat (-1: unknown), for a gap still open.
        private let lastOnCPU = Atomic<Int64>(-1)
        private let lastWaiting = Atomic<Int64>(-1)

        func start() {
            guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
            else { return }
            lastBeat.store(monotonicNanoseconds(), ordering: .releasing)
            let thread = Thread { [self] in
                // Named from inside, in the kernel's 15 bytes, so that `top -H` and /proc show it.
                Thread.current.name = "sb-heartbeat"
                let own = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)
                folder.store(open("/proc/thread-self", O_RDONLY | O_DIRECTORY | O_CLOEXEC), ordering: .releasing)
                var ledger = HeartbeatLedger(startedAt: monotonicNanoseconds(), schedule: Self.schedule(of: own))
                publish(ledger)
                while true {
                    usleep(useconds_t(HeartbeatLedger.period / 1000))
                    let now = monotonicNanoseconds()
                    ledger.beat(at: now, schedule: Self.schedule(of: own))
                    publish(ledger)
                }
            }
            thread.start()
        }

        private func publish(_ ledger: HeartbeatLedger) {
            lastOnCPU.store(ledger.lastSchedule?.onCPUNanoseconds ?? -1, ordering: .relaxed)
            lastWaiting.store(ledger.lastSchedule?.waitingNanoseconds ?? -1, ordering: .relaxed)
            frozen.store(ledger.frozen, ordering: .releasing)
            lastBeat.store(ledger.lastBeat, ordering: .releasing)
        }

        /// True when the thread has not beaten for longer than a period and its noise.
        private func isLate(at now: Int64) -> Bool {
            now - lastBeat.load(ordering: .acquiring) > HeartbeatLedger.period + HeartbeatLedger.gapNoise
        }

        /// Suspends (never blocking a thread) until the heartbeat has beaten since it was late,
        /// for at most `limit`: then its gap is closed, and the scheduler's figures say how much of
        /// it was waiting. On a busy host a beat is late by its wait for a CPU, which a gap read
        /// from outside cannot see yet (the kernel adds a wait when it ends); right after a thaw,
        /// the freeze must fall into the attempt that it lengthened, not the next one.
        func caughtUp(within limit: Duration = .seconds(1)) async {
            guard started.load(ordering: .acquiring) else { return }
            let deadline = ContinuousClock.now + limit
            while isLate(at: monotonicNanoseconds()), ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }

        /// The total so far, with the gap still open since the last beat when the thread has not
        /// beaten within ``caughtUp(within:)``'s limit and is not runnable (frozen, stopped,
        /// blocked): a runnable thread's lateness is a wait for a CPU.
        func frozenNanoseconds() -> Int64 {
            guard started.load(ordering: .acquiring) else { return 0 }
            let now = monotonicNanoseconds()
            let beat = lastBeat.load(ordering: .acquiring)
            let total = frozen.load(ordering: .acquiring)
            guard isLate(at: now) else { return total }
            let folder = folder.load(ordering: .acquiring)
            guard folder >= 0, let state = Self.state(in: folder), state != UInt8(ascii: "R") else { return total }
            let onCPU = lastOnCPU.load(ordering: .relaxed)
            let waiting = lastWaiting.load(ordering: .relaxed)
            let before =
                onCPU < 0 ? nil : ThreadSchedule(onCPUNanoseconds: onCPU, waitingNanoseconds: waiting)
            let file = openat(folder, "schedstat", O_RDONLY | O_CLOEXEC)
            defer { if file >= 0 { close(file) } }
            return total + HeartbeatLedger.frozen(from: beat, before, to: now, Self.schedule(of: file))
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

        /// The thread's state letter from its `stat` ("R", "S", "D" — also frozen —, "T", "t").
        private static func state(in folder: Int32) -> UInt8? {
            let file = openat(folder, "stat", O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return nil }
            defer { close(file) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
                let count = pread(file, buffer.baseAddress, buffer.count, 0)
                guard count > 0 else { return nil }
                // "tid (name) S …": the name may hold spaces and parentheses; the state follows the last ")".
                guard let close = buffer.prefix(count).lastIndex(of: UInt8(ascii: ")")), close + 2 < count else {
                    return nil
                }
                return buffer[close + 2]
            }
        }
    }

    static func monotonicNanoseconds() -> Int64 { nanoseconds(of: CLOCK_MONOTONIC) }

    /// A kernel clock's reading, in nanoseconds (CLOCK_MONOTONIC, CLOCK_BOOTTIME, …).
    package static func nanoseconds(of clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
