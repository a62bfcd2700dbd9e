import BenchModel

/// A side of an A/B comparison: A is the baseline, B the candidate.
package enum ABSide: String, Sendable, Hashable, CaseIterable {
    case a = "A"
    case b = "B"

    var other: ABSide { self == .a ? .b : .a }
}

/// Interleaves two suite runs iteration by iteration, in ABBA order: A B, B A, A B, B A, … So
/// neither side meets a warmer (or busier) machine more often, and a regime of the shared host
/// that lasts tens of seconds falls on both sides alike. Only one side measures at a time; a
/// spec's set-up and tear-down never overlap the other side's measured iterations, because both
/// sides enter a spec together and leave its iterations together.
///
/// The schedule also stops a spec's iterations early, at the end of an ABBA block, when
/// `shouldStop` says its verdict is clear (sequential testing) or the deadline has passed; both
/// sides stop at the same iteration. A side whose spec or run ends (an error, a failure) leaves
/// the schedule, and the other goes on alone. Waiting suspends; it never blocks a thread.
package actor ABSchedule {
    /// Whether `spec` has measured enough, given what each side recorded so far and how many
    /// measured iterations each side has done. Called between iterations, never inside one.
    package typealias StopRule = @Sendable (_ spec: SpecName, _ a: SpecResult, _ b: SpecResult, _ measured: Int) -> Bool

    /// How a spec's iterations ended, for the summary.
    package enum Ending: Sendable, Hashable {
        /// The rule said the verdict was clear after this many measured iterations per side.
        case clear(measured: Int)
        /// The deadline passed after this many measured iterations per side.
        case deadline(measured: Int)
    }

    /// The specs whose iterations may stop early, and their minimum of measured iterations per side.
    private let minimum: [SpecName: Int]
    /// A look at `shouldStop` every this many measured iterations per side (even: whole ABBA blocks).
    private let lookEvery: Int
    private let deadline: ContinuousClock.Instant?
    private let shouldStop: StopRule

    private struct SpecState {
        var entered: Set<ABSide> = []
        var left: Set<ABSide> = []
        var recorders: [ABSide: SpecRecorder] = [:]
        /// Iterations (warm-ups included) each side has begun.
        var calls: [ABSide: Int] = [:]
        var completedTurns = 0
        var finished: Set<ABSide> = []
        /// Both sides stop before this call.
        var stopAt: Int?
    }

    private var specs: [SpecName: SpecState] = [:]
    /// Sides whose run has ended.
    private var gone: Set<ABSide> = []
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextWaiter = 0
    package private(set) var endings: [SpecName: Ending] = [:]

    package init(
        minimum: [SpecName: Int], lookEvery: Int, deadline: ContinuousClock.Instant?, shouldStop: @escaping StopRule
    ) {
        self.minimum = minimum
        self.lookEvery = max(2, lookEvery + lookEvery % 2)
        self.deadline = deadline
        self.shouldStop = shouldStop
    }

    /// The handle one side's runner measures with.
    package nonisolated func side(_ side: ABSide) -> InterleavedSide {
        InterleavedSide(side: side, schedule: self)
    }

    // MARK: What the sides call

    /// Waits until the other side has entered `spec` too (or is gone).
    func enter(_ side: ABSide, spec: SpecName, recorder: SpecRecorder) async throws {
        specs[spec, default: SpecState()].entered.insert(side)
        specs[spec, default: SpecState()].recorders[side] = recorder
        notifyAll()
        while !(specs[spec]?.entered.contains(side.other) ?? false), !gone.contains(side.other) {
            try await waitForChange()
        }
    }

    /// Waits for this side's turn of its next iteration of `spec`; false when the iterations stop
    /// here. `warmups` is the spec's number of warm-up iterations.
    func begin(_ side: ABSide, spec: SpecName, warmups: Int) async throws -> Bool {
        let call = specs[spec]?.calls[side] ?? 0
        while true {
            guard let state = specs[spec] else { return true }
            if let stop = state.stopAt, call >= stop { return false }
            if isAlone(side, in: state) { break }
            if state.completedTurns == Self.turn(of: side, call: call) { break }
            try await waitForChange()
        }
        // The first side of a pair decides, with every earlier pair of both sides complete.
        if !isAlone(side, in: specs[spec]!), Self.turn(of: side, call: call) == 2 * call,
            decideStop(spec, call: call, warmups: warmups)
        {
            specs[spec]!.stopAt = call
            notifyAll()
            return false
        }
        specs[spec]!.calls[side] = call + 1
        return true
    }

    /// This side's iteration is over: the turn passes.
    func end(_ side: ABSide, spec: SpecName) {
        specs[spec]?.completedTurns += 1
        notifyAll()
    }

    /// This side has done its iterations of `spec`; waits until the other side has too, so that
    /// no tear-down overlaps a measured iteration.
    func finishIterating(_ side: ABSide, spec: SpecName) async throws {
        specs[spec]?.finished.insert(side)
        notifyAll()
        while let state = specs[spec], !state.finished.contains(side.other), !isAlone(side, in: state) {
            try await waitForChange()
        }
    }

    /// This side's spec has ended, however it ended.
    func leave(_ side: ABSide, spec: SpecName) {
        specs[spec]?.left.insert(side)
        notifyAll()
    }

    /// This side's run has ended, however it ended: the other side goes on alone.
    func depart(_ side: ABSide) {
        gone.insert(side)
        notifyAll()
    }

    // MARK: Turns and stops

    /// The turn of `side`'s `call`-th iteration: pair `call` runs A then B when `call` is even,
    /// B then A when it is odd.
    static func turn(of side: ABSide, call: Int) -> Int {
        let first: ABSide = call % 2 == 0 ? .a : .b
        return 2 * call + (side == first ? 0 : 1)
    }

    private func isAlone(_ side: ABSide, in state: SpecState) -> Bool {
        gone.contains(side.other) || state.left.contains(side.other)
    }

    /// At the start of pair `call`: stop when the spec may stop early, has its minimum, is at
    /// the end of an ABBA block, and either the deadline has passed or (at a look) the rule says so.
    private func decideStop(_ spec: SpecName, call: Int, warmups: Int) -> Bool {
        guard let minimum = minimum[spec], let state = specs[spec] else { return false }
        let measured = call - warmups
        guard measured >= minimum, measured % 2 == 0 else { return false }
        if let deadline, ContinuousClock.now >= deadline {
            endings[spec] = .deadline(measured: measured)
            return true
        }
        guard (measured - minimum) % lookEvery == 0, let a = state.recorders[.a], let b = state.recorders[.b] else {
            return false
        }
        guard shouldStop(spec, a.result, b.result, measured) else { return false }
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
