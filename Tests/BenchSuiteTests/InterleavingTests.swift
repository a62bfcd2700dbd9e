import BenchModel
import Synchronization
import Testing

@testable import BenchSuite

/// The ABBA schedule of `ab`, driven by two concurrent sides as two suite runs drive it.
@Suite struct InterleavingTests {
    /// What the sides did, in the order they did it: "A0", "B0", ... (warm-ups are negative).
    final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    static func schedule(
        minimum: [SpecName: Int] = [:], lookEvery: Int = 2, deadline: ContinuousClock.Instant? = nil,
        stop: @escaping ABSchedule.StopRule = { _, _, _, _ in false }
    ) -> ABSchedule {
        ABSchedule(minimum: minimum, lookEvery: lookEvery, deadline: deadline, shouldStop: stop)
    }

    /// Runs `spec` on both sides at once; each iteration records a sample, yields, and logs itself.
    static func run(
        _ schedule: ABSchedule, spec: SpecName = .creation, settings: SpecSettings, log: Log, failing: ABSide? = nil
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for side in ABSide.allCases {
                group.addTask {
                    let handle = schedule.side(side)
                    // Whatever the spec, its iterations record one figure: the schedule is what is tested.
                    let recorder = SpecRecorder(spec: spec.rawValue, declared: [Metric.creation.createStart])
                    try await handle.enter(spec, recorder: recorder)
                    do {
                        try await handle.iterate(spec, settings: settings) { iteration in
                            if side == failing, iteration == 1 { throw CancellationError() }
                            // Yield inside the iteration: nothing but the schedule keeps the other side out.
                            await Task.yield()
                            if iteration >= 0 {
                                recorder.record(Metric.creation.createStart, iteration: iteration, value: 0.4)
                            }
                            log.append("\(side.rawValue)\(iteration)")
                        }
                    } catch {
                        await handle.leave(spec)
                        await handle.depart()
                        return
                    }
                    await handle.leave(spec)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func theSidesTakeTurnsInABBAOrderWarmUpsIncluded() async throws {
        let log = Log()
        try await Self.run(Self.schedule(), settings: SpecSettings(iterations: 4, warmups: 1), log: log)
        #expect(log.all == ["A-1", "B-1", "B0", "A0", "A1", "B1", "B2", "A2", "A3", "B3"])
    }

    @Test func aClearVerdictStopsBothSidesAtTheSameIterationAtTheEndOfABlock() async throws {
        let log = Log()
        let looks = Mutex<[Int]>([])
        let schedule = Self.schedule(minimum: [.creation: 4], lookEvery: 2) { spec, a, b, measured in
            looks.withLock { $0.append(measured) }
            // Both sides have measured as much as the look says, every earlier iteration complete.
            #expect(a.values(of: .creationTime).count == measured && b.values(of: .creationTime).count == measured)
            return measured == 6
        }
        try await Self.run(schedule, settings: SpecSettings(iterations: 20, warmups: 1), log: log)
        #expect(looks.withLock { $0 } == [4, 6])
        #expect(log.all.filter { $0.hasPrefix("A") }.count == 7)
        #expect(log.all.filter { $0.hasPrefix("B") }.count == 7)
        #expect(await schedule.endings[.creation] == .clear(measured: 6))
    }

    @Test func aPassedDeadlineStopsTheSequentialSpecOnceItHasItsMinimum() async throws {
        let log = Log()
        let schedule = Self.schedule(minimum: [.creation: 2], deadline: .now) { _, _, _, _ in false }
        try await Self.run(schedule, settings: SpecSettings(iterations: 20), log: log)
        #expect(log.all == ["A0", "B0", "B1", "A1"])
        #expect(await schedule.endings[.creation] == .deadline(measured: 2))
    }

    @Test func aSpecThatIsNotSequentialRunsItsCountWhateverTheDeadline() async throws {
        let log = Log()
        try await Self.run(Self.schedule(deadline: .now), spec: .e2e, settings: SpecSettings(iterations: 3), log: log)
        #expect(log.all == ["A0", "B0", "B1", "A1", "A2", "B2"])
    }

    @Test func whenOneSideStopsTheOtherGoesOnAlone() async throws {
        let log = Log()
        try await Self.run(Self.schedule(), settings: SpecSettings(iterations: 4), log: log, failing: .b)
        #expect(log.all == ["A0", "B0", "A1", "A2", "A3"])
    }

    @Test func aWaitingSideIsCancellable() async throws {
        let schedule = Self.schedule()
        let waiting = Task {
            // Side A alone: B never enters, so A waits at the entrance until cancelled.
            try await schedule.side(.a).enter(.creation, recorder: SpecRecorder(spec: "creation"))
        }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
