import BenchModel
import Synchronization
import Testing

@testable import BenchSuite

/// The rotating schedule of `ab` (ABBA) and `compare`, driven by concurrent sides as suite runs drive it.
@Suite struct InterleavingTests {
    /// What the sides did, in the order they did it: "A0", "B0", ... (warm-ups are negative).
    final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    static func schedule(
        sides: Int = 2, minimum: [SpecName: Int] = [:], lookEvery: Int = 2, deadline: ContinuousClock.Instant? = nil,
        stop: @escaping ABSchedule.StopRule = { _, _, _ in false }
    ) -> ABSchedule {
        ABSchedule(sides: sides, minimum: minimum, lookEvery: lookEvery, deadline: deadline, shouldStop: stop)
    }

    /// Runs `spec` on both sides at once; each iteration records a sample, yields, and logs itself.
    static func run(
        _ schedule: ABSchedule, spec: SpecName = .creation, settings: SpecSettings, log: Log, failing: ABSide? = nil
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for side in ABSide.first(schedule.sideCount) {
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
        let schedule = Self.schedule(minimum: [.creation: 4], lookEvery: 2) { spec, results, measured in
            looks.withLock { $0.append(measured) }
            let (a, b) = (results[.a] ?? SpecResult(spec: ""), results[.b] ?? SpecResult(spec: ""))
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
        let schedule = Self.schedule(minimum: [.creation: 2], deadline: .now) { _, _, _ in false }
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

    @Test func threeSidesTakeTurnsInARotatingOrder() async throws {
        let log = Log()
        try await Self.run(
            Self.schedule(sides: 3), settings: SpecSettings(iterations: 3, warmups: 1), log: log)
        #expect(
            log.all == ["A-1", "B-1", "C-1", "B0", "C0", "A0", "C1", "A1", "B1", "A2", "B2", "C2"])
    }

    /// Looks and stops fall on whole rotations (three sides: every 3 measured iterations), and
    /// the rule sees every side's results.
    @Test func threeSidesStopTogetherAtTheEndOfARotation() async throws {
        let log = Log()
        let looks = Mutex<[Int]>([])
        let schedule = Self.schedule(sides: 3, minimum: [.creation: 3], lookEvery: 2) { _, results, measured in
            looks.withLock { $0.append(measured) }
            #expect(Set(results.keys) == Set(ABSide.first(3)))
            #expect(results.values.allSatisfy { $0.values(of: .creationTime).count == measured })
            return measured == 6
        }
        try await Self.run(schedule, settings: SpecSettings(iterations: 30), log: log)
        #expect(looks.withLock { $0 } == [3, 6])
        for side in ["A", "B", "C"] {
            #expect(log.all.filter { $0.hasPrefix(side) }.count == 6)
        }
        #expect(await schedule.endings[.creation] == .clear(measured: 6))
    }

    @Test func whenOneOfThreeSidesStopsTheOthersGoOnInTurn() async throws {
        let log = Log()
        try await Self.run(
            Self.schedule(sides: 3), settings: SpecSettings(iterations: 4), log: log, failing: .b)
        #expect(log.all == ["A0", "B0", "C0", "C1", "A1", "C2", "A2", "A3", "C3"])
    }

    @Test func turnsRotateWithTheNumberOfSides() {
        #expect((0..<2).map { ABSchedule.turn(of: .b, call: $0) } == [1, 2])
        #expect((0..<3).map { ABSchedule.turn(of: ABSide(2), call: $0, sides: 3) } == [2, 4, 6])
        #expect(ABSchedule.wholeRotations(20, sides: 3) == 21)
        #expect(ABSchedule.wholeRotations(2, sides: 2) == 2)
        #expect(ABSide(2).rawValue == "C")
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
