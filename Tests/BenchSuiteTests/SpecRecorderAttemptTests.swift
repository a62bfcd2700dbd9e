import BenchModel
import BenchSuite
import SuiteTestSupport
import Synchronization
import Testing

@Suite struct SpecRecorderAttemptTests {
    @Test func aPhysicalIterationIsKeptAsItIs() async throws {
        let recorder = SpecRecorder(spec: "parallel")
        try await recorder.attempt(0, continuity: SimulatedContinuity()) { iteration in
            recorder.record(Metric.parallel.efficiency, iteration: iteration, value: 0.34)
        }
        #expect(recorder.result.values(of: .parallelEfficiency) == [0.34])
        #expect(recorder.result.notes.isEmpty)
        #expect(recorder.discards.isEmpty)
    }

    /// An iteration taken again says what its discarded attempt said (the security spec's
    /// weakening and checks, made in its first iteration): listed once, not once per take.
    @Test func aNoteOrCheckOfARetakenIterationIsListedOnce() async throws {
        let recorder = SpecRecorder(spec: "security")
        let takes = Mutex(0)
        try await recorder.attempt(0, continuity: SimulatedContinuity()) { iteration in
            let take = takes.withLock {
                $0 += 1
                return $0
            }
            recorder.note("warning: this profile gives up isolation")
            recorder.check("isolation model", passed: true, informational: true, detail: "take \(take)")
            recorder.record(Metric.security.violations, iteration: iteration, value: take == 1 ? -1 : 0)
        }
        #expect(takes.withLock { $0 } == 2)
        #expect(recorder.result.notes.filter { $0 == "warning: this profile gives up isolation" }.count == 1)
        // The discarded attempt's checks went with it: the re-take's are the spec's.
        #expect(recorder.result.checks.map(\.detail) == ["take 2"])
        recorder.note("another note")
        #expect(recorder.result.notes.filter { $0 == "another note" }.count == 1)
    }

    /// The tool stopped (job control, a debugger) during the sequential half of an iteration of
    /// the parallel spec: the attempt's figures cannot be trusted, so the iteration is taken again.
    @Test func anIterationDuringWhichTheToolWasStoppedIsTakenAgain() async throws {
        let recorder = SpecRecorder(spec: "parallel")
        let continuity = SimulatedContinuity()
        let takes = Mutex(0)
        var retakeReasons: [String] = []
        try await recorder.attempt(
            2, continuity: continuity,
            { iteration in
                let take = takes.withLock {
                    $0 += 1
                    return $0
                }
                if take == 1 { continuity.stop() }
                recorder.record(Metric.parallel.efficiency, iteration: iteration, value: take == 1 ? 0.9 : 0.33)
                recorder.fail(Metric.parallel.sequentialWall, iteration: iteration, reason: "timed out and was killed")
            },
            retaking: { retakeReasons.append($0) })
        #expect(takes.withLock { $0 } == 2)
        #expect(retakeReasons == ["the tool was stopped and continued (SIGCONT) once during it"])
        let result = recorder.result
        #expect(result.values(of: .parallelEfficiency) == [0.33])
        // The discarded attempt's failure stays, marked; the re-take's is its own.
        #expect(
            result.failures.map(\.reason) == [
                "in an attempt discarded as impossible: timed out and was killed", "timed out and was killed",
            ])
        #expect(
            result.notes == [
                "1 sample was discarded as physically impossible, and 1 iteration taken again: iteration 3 (1 sample): "
                    + "the tool was stopped and continued (SIGCONT) once during it."
            ])
    }

    @Test func anImpossibleValueIsTakenAgainEvenWithoutAStop() async throws {
        let recorder = SpecRecorder(spec: "parallel")
        let takes = Mutex(0)
        try await recorder.attempt(0, continuity: SimulatedContinuity()) { iteration in
            let take = takes.withLock {
                $0 += 1
                return $0
            }
            recorder.record(Metric.parallel.speedup, iteration: iteration, value: take == 1 ? 21.8 : 1.7)
            recorder.record(Metric.parallel.efficiency, iteration: iteration, value: take == 1 ? 4.35 : 0.34)
        }
        let result = recorder.result
        #expect(result.values(of: .parallelEfficiency) == [0.34])
        #expect(result.values(of: "parallel.speedup") == [1.7])
        #expect(result.notes.first?.hasPrefix("2 samples were discarded as physically impossible") == true)
        #expect(result.notes.first?.contains("parallel.speedup 21.8") == true, "\(result.notes)")
        #expect(result.notes.first?.contains("; parallel.efficiency 4.35 is above 1") == true, "\(result.notes)")
    }

    @Test func aLifecycleWhosePhasesOutgrewItsWallIsTakenAgain() async throws {
        let recorder = SpecRecorder(spec: "e2e")
        let takes = Mutex(0)
        try await recorder.attempt(0, continuity: SimulatedContinuity()) { iteration in
            let take = takes.withLock {
                $0 += 1
                return $0
            }
            if take == 1 { recorder.impossible("the phases of container abc sum to 2 s", iteration: iteration) }
            recorder.record(Metric.e2e.cycle, iteration: iteration, value: 0.45)
        }
        #expect(takes.withLock { $0 } == 2)
        #expect(recorder.result.values(of: "e2e.cycle_s") == [0.45])
        #expect(recorder.discards.map(\.reason) == ["the phases of container abc sum to 2 s"])
    }

    /// A machine that keeps stopping the tool yields no figures at all: the spec fails.
    @Test func whenTheReTakesRunOutTheSpecFailsKeepingNoSample() async throws {
        let recorder = SpecRecorder(spec: "cleanup", retakes: 2)
        try await recorder.attempt(0, continuity: SimulatedContinuity()) { iteration in
            recorder.record(Metric.cleanup.remove, iteration: iteration, value: 0.02)
        }
        let continuity = SimulatedContinuity()
        let takes = Mutex(0)
        await #expect(throws: ImpossibleMeasurements.self) {
            try await recorder.attempt(1, continuity: continuity) { iteration in
                takes.withLock { $0 += 1 }
                continuity.stop()
                recorder.record(Metric.cleanup.remove, iteration: iteration, value: 0.02)
            }
        }
        #expect(takes.withLock { $0 } == 3)
        // A failure count that happened is no timing: it stays.
        recorder.record(Metric.cleanup.failures, iteration: 0, value: 1)
        let result = recorder.result
        #expect(result.values(of: "cleanup.remove_s").isEmpty)
        #expect(result.values(of: .cleanupFailures) == [1])
        #expect(result.failures.last?.reason.contains("after 2 re-takes: no sample of this spec is kept") == true)
        #expect(result.notes.first?.hasPrefix("3 samples were discarded as physically impossible, of which 2") == true)
    }

    /// A failure count above 0 in a discarded attempt happened: it is kept beside the re-take's.
    @Test func aFailureCountOfADiscardedAttemptIsKept() async throws {
        let recorder = SpecRecorder(spec: "cleanup_all")
        let continuity = SimulatedContinuity()
        let takes = Mutex(0)
        try await recorder.attempt(0, continuity: continuity) { iteration in
            let take = takes.withLock {
                $0 += 1
                return $0
            }
            if take == 1 { continuity.stop() }
            recorder.record(Metric.cleanupAll.failures, iteration: iteration, value: take == 1 ? 1 : 0)
            recorder.record(Metric.cleanupAll.wall, iteration: iteration, value: 0.8)
        }
        let result = recorder.result
        #expect(result.values(of: .cleanupAllFailures) == [1, 0])
        #expect(result.values(of: "cleanup_all.wall_s") == [0.8])
    }

    /// A figure made from the kept samples after the iterations cannot be taken again: an
    /// impossible one is dropped and said so.
    @Test func anImpossibleFigureOutsideAnIterationIsDropped() {
        let recorder = SpecRecorder(spec: "scaling")
        recorder.record(Metric.scaling.efficiency(.n2), iteration: 0, value: 9)
        recorder.record(Metric.scaling.efficiency(.n2), iteration: 1, value: 0.8)
        let result = recorder.result
        #expect(result.values(of: "scaling.n2.efficiency") == [0.8])
        #expect(result.failures.first?.reason.hasPrefix("discarded as impossible: scaling.n2.efficiency 9") == true)
        #expect(result.notes.first?.hasPrefix("1 sample was discarded as physically impossible: iteration 1") == true)
    }

    @Test func aSuspendedMachineOrAStopIsNamed() async {
        let start = ProcessContinuity.Mark(continued: 4, suspendedNanoseconds: 1_000)
        #expect(ProcessContinuity.interruption(from: start, to: start) == nil)
        #expect(
            ProcessContinuity.interruption(from: start, to: .init(continued: 4, suspendedNanoseconds: 5_000_000)) == nil
        )
        #expect(
            ProcessContinuity.interruption(from: start, to: .init(continued: 6, suspendedNanoseconds: 1_000))
                == "the tool was stopped and continued (SIGCONT) 2 times during it")
        let suspended = ProcessContinuity.interruption(
            from: start, to: .init(continued: 4, suspendedNanoseconds: 20_000_001_000))
        #expect(suspended?.hasPrefix("the machine was suspended for 20") == true, "\(suspended ?? "nil")")
        let frozen = ProcessContinuity.interruption(
            from: start, to: .init(continued: 4, suspendedNanoseconds: 1_000, frozenNanoseconds: 3_200_000_000))
        #expect(frozen?.hasPrefix("the tool did not run for 3.2") == true, "\(frozen ?? "nil")")
        // Frozen time below what moves a sample (see HeartbeatLedgerTests) is not an interruption.
        #expect(
            ProcessContinuity.interruption(
                from: start, to: .init(continued: 4, suspendedNanoseconds: 1_000, frozenNanoseconds: 9_000_000))
                == nil)
        // The real process's clocks and counter: no break between two marks a moment apart.
        let now = await ProcessContinuity.process.mark()
        #expect(await ProcessContinuity.process.interruption(since: now) == nil)
    }
}
