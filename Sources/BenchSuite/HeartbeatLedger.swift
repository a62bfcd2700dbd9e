/// The arithmetic of the heartbeat (``ProcessContinuity``): from the moments a thread that asks
/// to sleep ``period`` at a time actually beat, and what the scheduler says it did in between
/// (``ThreadSchedule``), the total time the process was frozen.
///
/// A gap between two beats is the sleep the thread asked for, plus time it was runnable but
/// waited for a CPU (a busy host), plus its own time on a CPU, plus the rest: time it was held
/// without running — the cgroup freezer (`docker pause`, systemd), a ptrace stop, a stop signal
/// (or a whole virtual machine its hypervisor did not run). A freezer stops every thread of the
/// process at once, so the heartbeat's rest is the time the measurement, too, did not run.
///
/// Scale alone cannot tell the two apart: with `stress-ng --cpu 2` on a 2-core host a beat was
/// measured 248 ms late (the cause, waiting on the run queue, shows in ``ThreadSchedule``), while
/// a 30 ms freeze moves a 23 ms create phase by more than its own length. So a gap's waiting and
/// running are subtracted, and what is left beyond ``gapNoise`` (timer slack: at most 3 ms per
/// gap, measured here quiet and with `stress-ng --cpu 8`) counts whole. Without the scheduler's
/// figures (a kernel without them), only a gap longer than ``unscheduledGap`` counts, as lateness:
/// a busy host delays a waking thread by up to a quarter of a second, never by a second.
///
/// A freeze is counted short by the part of it that fell within a sleep the thread asked for
/// (its sleep ends on its deadline, which passed while it was frozen): at most one period. Every
/// freeze from 60 ms is seen; a shorter one when it outlasts the sleep it began in by 10 ms.
package struct HeartbeatLedger: Sendable, Hashable {
    /// How long the heartbeat asks to sleep between beats.
    package static let period: Int64 = 50_000_000
    /// Time unaccounted for in one gap up to this is the timer's slack, not a freeze.
    package static let gapNoise: Int64 = 5_000_000
    /// Without the scheduler's figures, a gap counts only from this long.
    package static let unscheduledGap: Int64 = 1_000_000_000

    /// When the thread last beat, in CLOCK_MONOTONIC nanoseconds.
    package private(set) var lastBeat: Int64
    /// What the scheduler said of the thread at its last beat; nil when it could not be read.
    package private(set) var lastSchedule: ThreadSchedule?
    /// The time frozen in closed gaps, in nanoseconds.
    package private(set) var frozen: Int64 = 0

    package init(startedAt start: Int64, schedule: ThreadSchedule?) {
        lastBeat = start
        lastSchedule = schedule
    }

    /// The thread beat at `now`, the scheduler saying `schedule` of it.
    package mutating func beat(at now: Int64, schedule: ThreadSchedule?) {
        frozen += Self.frozen(from: lastBeat, lastSchedule, to: now, schedule)
        lastBeat = now
        lastSchedule = schedule
    }

    /// The total at `now` with the gap still open since the last beat (the thread has not beaten
    /// since a thaw, a measurement's end mark taken first), `schedule` read from outside the thread.
    package func frozen(at now: Int64, schedule: ThreadSchedule?) -> Int64 {
        frozen + Self.frozen(from: lastBeat, lastSchedule, to: now, schedule)
    }

    /// The frozen time of one gap: what the thread was neither asked to sleep, nor waiting for a
    /// CPU, nor running, when it is more than noise; without the scheduler's figures at both ends,
    /// the gap's lateness when the gap is longer than ``unscheduledGap``.
    package static func frozen(
        from start: Int64, _ before: ThreadSchedule?, to end: Int64, _ after: ThreadSchedule?
    ) -> Int64 {
        let gap = end - start
        guard gap > period else { return 0 }
        guard let before, let after else { return gap > unscheduledGap ? gap - period : 0 }
        let scheduled =
            (after.waitingNanoseconds - before.waitingNanoseconds) + (after.onCPUNanoseconds - before.onCPUNanoseconds)
        let unaccounted = gap - period - max(0, scheduled)
        return unaccounted > gapNoise ? unaccounted : 0
    }
}
