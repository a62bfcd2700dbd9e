import BenchSuite
import Testing

/// The heartbeat's arithmetic: a late beat that waited for a CPU is a busy host, not a freeze;
/// time the thread was neither asleep by its own choice, nor waiting, nor running is a freeze of
/// any length beyond the timer's noise; a gap still open when a mark is taken counts once.
@Suite struct HeartbeatLedgerTests {
    static let ms: Int64 = 1_000_000

    static func schedule(onCPU: Int64 = 0, waiting: Int64) -> ThreadSchedule {
        ThreadSchedule(onCPUNanoseconds: onCPU, waitingNanoseconds: waiting)
    }

    @Test func aScheduleIsReadFromTheFirstTwoNumbersOfSchedstat() {
        let read = ThreadSchedule(schedstat: Array("745952 76844 2\n".utf8))
        #expect(read == ThreadSchedule(onCPUNanoseconds: 745_952, waitingNanoseconds: 76_844))
        #expect(ThreadSchedule(schedstat: Array("0 6300836 1\n".utf8))?.waitingNanoseconds == 6_300_836)
        #expect(ThreadSchedule(schedstat: Array("745952\n".utf8)) == nil, "one number")
        #expect(ThreadSchedule(schedstat: Array("".utf8)) == nil)
        #expect(ThreadSchedule(schedstat: Array("12 -4 1\n".utf8)) == nil)
        #expect(ThreadSchedule(schedstat: Array("1  2 3\n".utf8)) == nil, "an empty field")
        #expect(ThreadSchedule(schedstat: Array("99999999999999999999 1 1\n".utf8)) == nil, "beyond 64 bits")
    }

    /// With `stress-ng --cpu 2` on this 2-core host a beat came 248 ms late: all of it waiting on
    /// the run queue, none of it frozen.
    @Test func aBeatLateBecauseItWaitedForACPUIsNoFreeze() {
        var ledger = HeartbeatLedger(startedAt: 0, schedule: Self.schedule(waiting: 10 * Self.ms))
        ledger.beat(at: 298 * Self.ms, schedule: Self.schedule(onCPU: 20_000, waiting: 258 * Self.ms))
        #expect(ledger.frozen == 0)
        // The same gap without the wait on the run queue: 248 ms the thread did not run.
        ledger.beat(at: 596 * Self.ms, schedule: Self.schedule(onCPU: 40_000, waiting: 258 * Self.ms))
        #expect(ledger.frozen == 248 * Self.ms - 20_000)
    }

    /// A freeze shorter than a second counts whole (measured here: a 0.9 s freezer freeze left
    /// 889.6 ms, a 30 ms one 22.6 ms); what is left of a gap up to the timer's noise does not.
    @Test func aFreezeCountsWholeAndTimerNoiseNot() {
        var ledger = HeartbeatLedger(startedAt: 0, schedule: Self.schedule(waiting: 0))
        ledger.beat(at: 50 * Self.ms + 3 * Self.ms, schedule: Self.schedule(waiting: 0))
        #expect(ledger.frozen == 0, "3 ms of slack")
        ledger.beat(at: 53 * Self.ms + 50 * Self.ms + 30 * Self.ms, schedule: Self.schedule(waiting: 1 * Self.ms))
        #expect(ledger.frozen == 29 * Self.ms)
        ledger.beat(at: 133 * Self.ms + 940 * Self.ms, schedule: Self.schedule(waiting: 1 * Self.ms))
        #expect(ledger.frozen == 29 * Self.ms + 890 * Self.ms)
        // A gap no longer than the period (the thread woke early) is never negative.
        ledger.beat(at: 1_073 * Self.ms + 40 * Self.ms, schedule: Self.schedule(waiting: 1 * Self.ms))
        #expect(ledger.frozen == 919 * Self.ms)
    }

    /// The measurement's end mark is taken right after a thaw, before the heartbeat has beaten
    /// again: the open gap counts then; the next attempt, marked then too, gets none of it when
    /// the gap closes.
    @Test func anOpenGapCountsOnceAcrossTwoMarks() {
        var ledger = HeartbeatLedger(startedAt: 0, schedule: Self.schedule(waiting: 0))
        let thawed = 50 * Self.ms + 400 * Self.ms
        let attemptEnd = ledger.frozen(at: thawed, schedule: Self.schedule(waiting: 0))
        #expect(attemptEnd == 400 * Self.ms)
        // The heartbeat waits 2 ms for a CPU after the thaw, then beats.
        ledger.beat(at: thawed + 2 * Self.ms, schedule: Self.schedule(waiting: 2 * Self.ms))
        #expect(ledger.frozen - attemptEnd == 0, "the next attempt, which began at the thaw")
    }

    /// Without the scheduler's figures, only a gap longer than a second counts: scale is all
    /// there is, and a busy host delays a beat by up to a quarter of a second.
    @Test func withoutTheSchedulersFiguresOnlyAGapBeyondASecondCounts() {
        var ledger = HeartbeatLedger(startedAt: 0, schedule: nil)
        ledger.beat(at: 950 * Self.ms, schedule: Self.schedule(waiting: 0))
        #expect(ledger.frozen == 0)
        ledger.beat(at: 950 * Self.ms + 1_200 * Self.ms, schedule: nil)
        #expect(ledger.frozen == 1_150 * Self.ms)
    }

    /// Frozen time is material from 10 ms, or from 2 % of the attempt's wall when that is more.
    @Test func frozenTimeIsMaterialFromTenMillisecondsOrTwoPercentOfTheAttempt() {
        let start = ProcessContinuity.Mark(continued: 0, suspendedNanoseconds: 0, atNanoseconds: 5 * Self.ms)
        func end(frozen: Int64, wall: Int64) -> ProcessContinuity.Mark {
            .init(continued: 0, suspendedNanoseconds: 0, frozenNanoseconds: frozen, atNanoseconds: 5 * Self.ms + wall)
        }
        #expect(ProcessContinuity.interruption(from: start, to: end(frozen: 9 * Self.ms, wall: 450 * Self.ms)) == nil)
        let creation = ProcessContinuity.interruption(from: start, to: end(frozen: 10 * Self.ms, wall: 450 * Self.ms))
        #expect(
            creation
                == "the tool did not run for 0.0100 s of its 0.450 s "
                + "(frozen without a signal: the cgroup freezer, docker pause, a debugger)")
        #expect(
            ProcessContinuity.interruption(from: start, to: end(frozen: 79 * Self.ms, wall: 4_000 * Self.ms)) == nil)
        #expect(
            ProcessContinuity.interruption(from: start, to: end(frozen: 80 * Self.ms, wall: 4_000 * Self.ms)) != nil)
        #expect(ProcessContinuity.materialFrozen(wall: 0) == 10 * Self.ms)
    }
}
