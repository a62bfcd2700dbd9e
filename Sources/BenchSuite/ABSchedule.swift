import BenchModel

/// A side of an interleaved comparison: A is the baseline, B (and C, D, … in `compare`) the
/// candidates, each compared with A.
package struct ABSide: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The side's place, from 0 (A).
    package let index: Int

    package init(_ index: Int) {
        precondition(index >= 0, "a side's index is 0 or more")
        self.index = index
    }

    package static let a = ABSide(0)
    package static let b = ABSide(1)

    /// The two sides of `ab`.
    package static let allCases: [ABSide] = [.a, .b]

    /// The first `count` sides: A, B, C, …
    package static func first(_ count: Int) -> [ABSide] { (0..<count).map(ABSide.init) }

    /// The side's letter: A, B, … Z, then P27, P28, …
    package var rawValue: String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : "P\(index + 1)"
    }

    package var description: String { rawValue }

    package static func < (lhs: ABSide, rhs: ABSide) -> Bool { lhs.index < rhs.index }
}

/// Interleaves suite runs iteration by iteration in a rotating order: with two sides A B, B A,
/// A B, B A, … (ABBA); with three A B C, B C A, C A B, A B C, … So no side meets a warmer (or
/// busier) machine more often, and a regime of the shared host that lasts tens of seconds falls
/// on every side alike. Only one side measures at a time; a spec's set-up and tear-down never
/// overlap another side's measured iterations, because all sides enter a spec together and leave
/// its iterations together.
///
/// The schedule also stops a spec's iterations early, at the end of a whole rotation, when
/// `shouldStop` says its verdict is clear (sequential testing) or the deadline has passed; every
/// side stops at the same iteration. A side whose spec or run ends (an error, a failure) leaves
/// the schedule, and the others go on without it. Waiting suspends; it never blocks a thread.
package actor ABSchedule {
    /// Whether `spec` has measured enough, given what each side recorded so far (the sides still
    /// measuring it) and how many measured iterations each side has done. Called between
    /// iterations, never inside one.
    package typealias StopRule =
        @Sendable (_ spec: SpecName, _ results: [ABSide: SpecResult], _ measured: Int) -> Bool

    /// How a spec's iterations ended, for the summary.
    package enum Ending: Sendable, Hashable {
        /// The rule said the verdict was clear after this many measured iterations per side.
        case clear(measured: Int)
        /// The deadline passed after this many measured iterations per side.
        case deadline(measured: Int)
    }

    /// How many sides take turns.
    package nonisolated let sideCount: Int
    /// The specs whose iterations may stop early, and their minimum of measured iterations per side.
    private let minimum: [SpecName: Int]
    /// A look at `shouldStop` every this many measured iterations per side (whole rotations).
    private let lookEvery: Int
    private let deadline: ContinuousClock.Instant?
    private let shouldStop: StopRule

    private struct SpecState {
        var entered: Set<ABSide> = []
        var left: Set<ABSide> = []
        var recorders: [ABSide: SpecRecorder] = [:]
        /// Iterations (warm-ups included) each side has begun, and ended.
        var begun: [ABSide: Int] = [:]
        var ended: [ABSide: Int] = [:]
        var finished: Set<ABSide> = []
        /// Every side stops before this call.
        var stopAt: Int?
    }

    private var specs: [SpecName: SpecState] = [:]
    /// Sides whose run has ended.
    private var gone: Set<ABSide> = []
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextWaiter = 0
    package private(set) var endings: [SpecName: Ending] = [:]

    package init(
        sides: Int = 2, minimum: [SpecName: Int], lookEvery: Int, deadline: ContinuousClock.Instant?,
        shouldStop: @escaping StopRule
    ) {
        precondition(sides >= 2, "an interleaved comparison has two sides or more")
        sideCount = sides
        self.minimum = minimum
        self.lookEvery = Self.wholeRotations(lookEvery, sides: sides)
        self.deadline = deadline
        self.shouldStop = shouldStop
    }

    /// `count` rounded up to whole rotations of `sides`, at least one.
    package static func wholeRotations(_ count: Int, sides: Int) -> Int {
        max(sides, (count + sides - 1) / sides * sides)
    }

    /// The handle one side's runner measures with.
    package nonisolated func side(_ side: ABSide) -> InterleavedSide {
        precondition(side.index < sideCount, "side \(side) of a schedule of \(sideCount)")
        return InterleavedSide(side: side, schedule: self)
    }

    private var sides: [ABSide] { ABSide.first(sideCount) }

    // MARK: What the sides call

    /// Waits until every other side has entered `spec` too (or is gone).
    func enter(_ side: ABSide, spec: SpecName, recorder: SpecRecorder) async throws {
        specs[spec, default: SpecState()].entered.insert(side)
        specs[spec, default: SpecState()].recorders[side] = recorder
        notifyAll()
        while sides.contains(where: {
            $0 != side && !gone.contains($0) && !(specs[spec]?.entered.contains($0) ?? false)
        }) {
            try await waitForChange()
        }
    }

    /// Waits for this side's turn of its next iteration of `spec`; false when the iterations stop
    /// here. `warmups` is the spec's number of warm-up iterations.
    func begin(_ side: ABSide, spec: SpecName, warmups: Int) async throws -> Bool {
        let call = specs[spec]?.begun[side] ?? 0
        let mine = turn(of: side, call: call)
        while true {
            guard let state = specs[spec] else { return true }
            if let stop = state.stopAt, call >= stop { return false }
            // Every other side still iterating has ended each of its turns before this one.
            let waiting = others(of: side, in: state).contains { turn(of: $0, call: state.ended[$0] ?? 0) < mine }
            if !waiting { break }
            try await waitForChange()
        }
        // The first side of a rotation decides, with every earlier rotation of every side complete.
        let state = specs[spec]!
        let rest = others(of: side, in: state)
        if !rest.isEmpty, rest.allSatisfy({ (state.begun[$0] ?? 0) == call }),
            decideStop(spec, call: call, warmups: warmups)
        {
            specs[spec]!.stopAt = call
            notifyAll()
            return false
        }
        specs[spec]!.begun[side] = call + 1
        return true
    }

    /// This side's iteration is over: the turn passes.
    func end(_ side: ABSide, spec: SpecName) {
        specs[spec]?.ended[side, default: 0] += 1
        notifyAll()
    }

    /// This side has done its iterations of `spec`; waits until every other side has too, so
    /// that no tear-down overlaps a measured iteration.
    func finishIterating(_ side: ABSide, spec: SpecName) async throws {
        specs[spec]?.finished.insert(side)
        notifyAll()
        while let state = specs[spec], !others(of: side, in: state).isEmpty {
            try await waitForChange()
        }
    }

    /// This side's spec has ended, however it ended.
    func leave(_ side: ABSide, spec: SpecName) {
        specs[spec]?.left.insert(side)
        notifyAll()
    }

    /// This side's run has ended, however it ended: the others go on without it.
    func depart(_ side: ABSide) {
        gone.insert(side)
        notifyAll()
    }

    // MARK: Turns and stops

    /// The turn of `side`'s `call`-th iteration: rotation `call` starts with the side whose index
    /// is `call` modulo the number of sides and goes on in index order (two sides: A B, then B A).
    nonisolated func turn(of side: ABSide, call: Int) -> Int {
        Self.turn(of: side, call: call, sides: sideCount)
    }

    static func turn(of side: ABSide, call: Int, sides: Int = 2) -> Int {
        sides * call + ((side.index - call) % sides + sides) % sides
    }

    /// The other sides still iterating `spec`: not gone, not left, not done with its iterations.
    private func others(of side: ABSide, in state: SpecState) -> [ABSide] {
        sides.filter {
            $0 != side && !gone.contains($0) && !state.left.contains($0) && !state.finished.contains($0)
        }
    }

    /// At the start of rotation `call`: stop when the spec may stop early, has its minimum, is at
    /// the end of a whole rotation, and either the deadline has passed or (at a look) the rule says so.
    private func decideStop(_ spec: SpecName, call: Int, warmups: Int) -> Bool {
        guard let minimum = minimum[spec], let state = specs[spec] else { return false }
        let measured = call - warmups
        guard measured >= minimum, measured % sideCount == 0 else { return false }
        if let deadline, ContinuousClock.now >= deadline {
            endings[spec] = .deadline(measured: measured)
            return true
        }
        let measuring = state.recorders.filter { !gone.contains($0.key) && !state.left.contains($0.key) }
        guard (measured - minimum) % lookEvery == 0, measuring[.a] != nil, measuring.count >= 2 else {
            return false
        }
        guard shouldStop(spec, measuring.mapValues(\.result), measured) else { return false }
        endings[spec] = .clear(measured: measured)
        return true
    }

    // MARK: Waiting

    private func waitForChange() async throws {
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func notifyAll() {
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume() }
    }
}
/// One side's handle on an ``ABSchedule``: what a suite runner and its specs measure with.
package struct InterleavedSide: Sendable {
    package let side: ABSide
    let schedule: ABSchedule

    package func enter(_ spec: SpecName, recorder: SpecRecorder) async throws {
        try await schedule.enter(side, spec: spec, recorder: recorder)
    }

    func begin(_ spec: SpecName, warmups: Int) async throws -> Bool {
        try await schedule.begin(side, spec: spec, warmups: warmups)
    }

    func end(_ spec: SpecName) async { await schedule.end(side, spec: spec) }

    func finishIterating(_ spec: SpecName) async throws { try await schedule.finishIterating(side, spec: spec) }

    package func leave(_ spec: SpecName) async { await schedule.leave(side, spec: spec) }

    /// The side's run has ended: the other side goes on alone.
    package func depart() async { await schedule.depart(side) }

    /// Runs the warm-ups (numbered −1, −2, …) and iterations (0, 1, …) of `settings`, each in its
    /// turn with the other side, until they are done or the schedule stops them; `done` reports
    /// each one. Returns when the other side is done with the spec's iterations too.
    package func iterate(
        _ spec: SpecName, settings: SpecSettings, _ body: (Int) async throws -> Void, done: (Int) -> Void = { _ in }
    ) async throws {
        var call = 0
        while call < settings.warmups + settings.iterations {
            try Task.checkCancellation()
            guard try await begin(spec, warmups: settings.warmups) else { break }
            let iteration = call < settings.warmups ? -(call + 1) : call - settings.warmups
            do {
                try await body(iteration)
            } catch {
                await end(spec)
                throw error
            }
            await end(spec)
            call += 1
            done(call)
        }
        try await finishIterating(spec)
    }
}
