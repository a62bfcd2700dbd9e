import BenchModel
import Synchronization

/// Collects what a spec measures as it goes, so that an interrupted spec still hands over
/// everything measured before the interruption.
///
/// Every sample passes ``SampleValidity`` here. An iteration is an attempt (``beginAttempt(_:)``,
/// ``endAttempt(interruption:)``): when one of its samples cannot be physical, when one of its
/// lifecycles was impossible (``impossible(_:)``) or when the process did not run without a break
/// during it, its samples are discarded (its failures stay, marked) and the iteration is taken
/// again — at most ``retakes`` times per spec; after that the spec fails: it keeps no sample. A
/// sample recorded outside an iteration (a figure made from the kept ones) that cannot be
/// physical is dropped. What was discarded, and why, becomes one of the spec's notes.
///
/// A spec records only the metrics it declares (``declared``, its declarations in the
/// ``MetricCatalogue``): any other is a mistake of the spec's, which stops a debug build (and so
/// every test) at once, and in a release build is refused — its sample not kept, a failure saying so.
package final class SpecRecorder: Sendable {
    /// Re-takes per spec: a machine that keeps stopping the tool yields no figures at all.
    package static let retakesPerSpec = 3

    private struct Attempt {
        var iteration: Int
        var firstSample: Int
        var firstFailure: Int
        /// The attempt's checks: a re-take makes them again, from what it sees.
        var firstCheck: Int
        var problems: [String] = []
    }

    /// One discarded attempt (or one dropped sample), and why.
    package struct Discard: Sendable, Hashable {
        package var iteration: Int
        package var samples: Int
        package var reason: String
        /// False for a sample recorded outside an iteration: nothing could take it again.
        package var retaken: Bool
    }

    /// What became of an attempt.
    package enum AttemptEnding: Sendable, Equatable {
        case kept
        /// Discarded; take the iteration again. `busy`: because the host was busy, not because a
        /// measurement was impossible.
        case retake(reason: String, busy: Bool = false)
        /// Discarded, and no re-take is left: the spec fails.
        case exhausted(reason: String)
    }

    private struct State {
        var result: SpecResult
        var attempt: Attempt?
        var discards: [Discard] = []
        var retakesLeft: Int
        /// Iterations measured again because the host was busy, with the foreign load they had.
        var busyRetaken: [(iteration: Int, load: HostLoad)] = []
        var busyRetakesLeft: Int
        /// Kept iterations that were busy when no busy re-take was left.
        var busyKept = 0
        /// A wait of the probe's whole `retakeWait` ended on a busy host: the spec's later busy
        /// re-takes do not wait again (on a host that stays busy, each would cost the whole wait).
        var hostStayedBusy = false
    }

    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    package let retakes: Int
    /// Re-takes per spec of iterations the host was busy during (``HostLoad/isBusy``).
    package let busyRetakes: Int

    package let spec: String
    /// The metrics the spec may record, by name.
    package let declared: [MetricID: Metric]

    /// A recorder of `spec`, which may record the metrics the catalogue declares for it, or
    /// `declared` when given.
    package init(
        spec: String, declared: [Metric]? = nil, retakes: Int = SpecRecorder.retakesPerSpec, busyRetakes: Int = 0
    ) {
        self.spec = spec
        self.declared = Dictionary(
            (declared ?? MetricCatalogue.metrics(ofSpec: spec)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        state = Mutex(State(result: SpecResult(spec: spec), retakesLeft: retakes, busyRetakesLeft: busyRetakes))
        started = clock.now
        self.retakes = retakes
        self.busyRetakes = busyRetakes
    }

    package func record(_ metric: Metric, iteration: Int, value: Double, phases: PhaseTimings? = nil) {
        if let refusal = undeclared(metric) {
            assertionFailure(refusal)
            fail(iteration: iteration, reason: refusal)
            return
        }
        let sample = Sample(metric: metric.id, iteration: iteration, value: value, phases: phases)
        state.withLock { state in
            guard state.attempt == nil, let problem = SampleValidity.problem(with: sample) else {
                state.result.samples.append(sample)
                return
            }
            // Outside an iteration nothing can be taken again: the sample is dropped, and said so.
            state.discards.append(Discard(iteration: iteration, samples: 1, reason: problem, retaken: false))
            state.result.failures.append(
                SampleFailure(metric: metric.id, iteration: iteration, reason: "discarded as impossible: \(problem)"))
        }
    }

    /// A failure of an iteration, of `metric` when one metric lacks a sample by it.
    package func fail(_ metric: Metric? = nil, iteration: Int, reason: String, output: String = "") {
        if let metric, let refusal = undeclared(metric) { assertionFailure(refusal) }
        state.withLock {
            $0.result.failures.append(
                SampleFailure(
                    metric: metric?.id, iteration: iteration, reason: reason, output: String(output.prefix(4000))))
        }
    }

    package func check(
        _ name: String, passed: Bool, informational: Bool = false, detail: String, metric: Metric? = nil
    ) {
        if let metric, let refusal = undeclared(metric) { assertionFailure(refusal) }
        state.withLock {
            $0.result.checks.append(
                CheckResult(
                    name: name, passed: passed, informational: informational, detail: detail, metric: metric?.id))
        }
    }

    /// Why the spec may not record `metric`: it does not declare it, or declares it otherwise.
    /// Nil when it may.
    package func undeclared(_ metric: Metric) -> String? {
        guard let declaration = declared[metric.id] else {
            return "the \(spec) spec recorded \(metric), which it does not declare"
        }
        return declaration == metric ? nil : "the \(spec) spec recorded \(metric) unlike its declaration"
    }

    /// A note already made is not made again: an iteration taken again (a busy host, a stop)
    /// says what its discarded attempt said, and the spec's notes would list it once per take.
    package func note(_ text: String) {
        state.withLock {
            guard !$0.result.notes.contains(text) else { return }
            $0.result.notes.append(text)
        }
    }

    package func container(_ record: ContainerRecord) {
        state.withLock { $0.result.containers.append(record) }
    }

    package func values(of metric: Metric) -> [Double] {
        state.withLock { $0.result.values(of: metric.id) }
    }

    // MARK: Attempts

    /// An iteration begins: what it records from now on is kept only if the attempt is.
    package func beginAttempt(_ iteration: Int) {
        state.withLock {
            $0.attempt = Attempt(
                iteration: iteration, firstSample: $0.result.samples.count, firstFailure: $0.result.failures.count,
                firstCheck: $0.result.checks.count)
        }
    }

    /// Something measured in the attempt was impossible (a lifecycle whose phases outgrew its wall
    /// time): the attempt is discarded when it ends. Outside an attempt, a failure of the spec.
    package func impossible(_ problem: String, iteration: Int) {
        state.withLock { state in
            if state.attempt != nil {
                state.attempt!.problems.append(problem)
            } else {
                state.result.failures.append(
                    SampleFailure(iteration: iteration, reason: "impossible measurement: \(problem)"))
            }
        }
    }

    /// The iteration ended. `interruption` says why the process did not run without a break
    /// during it (see ``ProcessContinuity``), or nil.
    package func endAttempt(interruption: String?, busy: HostLoad? = nil) -> AttemptEnding {
        state.withLock { state in
            guard let attempt = state.attempt else { return .kept }
            state.attempt = nil
            let recorded = state.result.samples[attempt.firstSample...]
            var problems = attempt.problems
            if let interruption { problems.insert(interruption, at: 0) }
            problems += recorded.compactMap(SampleValidity.problem(with:))
            if problems.isEmpty, let busy, busy.isBusy, attempt.iteration >= 0 {
                guard state.busyRetakesLeft > 0 else {
                    state.busyKept += 1
                    return .kept
                }
                // Measured while other work took the CPU or the disk: taken again, like an impossible
                // attempt, but from its own budget, and never a failure of the spec when that runs out.
                state.busyRetakesLeft -= 1
                let happened = recorded.filter(Self.happened)
                state.result.samples.removeSubrange(attempt.firstSample...)
                state.result.samples += happened
                for index in state.result.failures.indices[attempt.firstFailure...] {
                    state.result.failures[index].reason =
                        "in an attempt measured again because the host was busy: "
                        + state.result.failures[index].reason
                }
                state.busyRetaken.append((attempt.iteration, busy))
                state.result.checks.removeSubrange(attempt.firstCheck...)
                return .retake(reason: Self.busyReason(busy), busy: true)
            }
            guard !problems.isEmpty else { return .kept }
            let reason = problems.joined(separator: "; ")
            // A count of failures or violations that happened is no timing: it stays, whatever the
            // timings of its iteration (a container that could not be removed was not removed).
            let happened = recorded.filter(Self.happened)
            let discarded = recorded.count - happened.count
            state.result.samples.removeSubrange(attempt.firstSample...)
            state.result.samples += happened
            // Its failures stay, marked: nothing that happened is hidden (a container that could
            // not be removed), but a count of failures is the kept attempts' own.
            for index in state.result.failures.indices[attempt.firstFailure...] {
                state.result.failures[index].reason =
                    "in an attempt discarded as impossible: "
                    + state.result.failures[index].reason
            }
            guard state.retakesLeft > 0 else {
                state.discards.append(
                    Discard(iteration: attempt.iteration, samples: discarded, reason: reason, retaken: false))
                let failure =
                    "a measurement was impossible again (\(reason)) after \(retakes) re-takes: "
                    + "no sample of this spec is kept"
                state.result.failures.append(SampleFailure(iteration: attempt.iteration, reason: failure))
                // Failures that happened still count (a cleanup failure alerts whatever the run's
                // status); nothing else is kept, so that the spec, and the run, fail.
                state.result.samples.removeAll {
                    !(Self.happened($0) && $0.metric.declaration.role == .failureCount)
                }
                return .exhausted(reason: failure)
            }
            state.retakesLeft -= 1
            state.discards.append(
                Discard(iteration: attempt.iteration, samples: discarded, reason: reason, retaken: true))
            state.result.checks.removeSubrange(attempt.firstCheck...)
            return .retake(reason: reason)
        }
    }

    /// The iteration was cut short (cancelled, the engine gone): what it recorded is kept, but
    /// for samples that cannot be physical.
    package func abandonAttempt() {
        state.withLock { state in
            guard let attempt = state.attempt else { return }
            state.attempt = nil
            let samples = state.result.samples[attempt.firstSample...]
            let impossible = samples.filter { SampleValidity.problem(with: $0) != nil }
            guard let first = impossible.first.flatMap(SampleValidity.problem(with:)) else { return }
            state.result.samples.removeSubrange(attempt.firstSample...)
            state.result.samples += samples.filter { SampleValidity.problem(with: $0) == nil }
            state.discards.append(
                Discard(iteration: attempt.iteration, samples: impossible.count, reason: first, retaken: false))
        }
    }

    /// Runs `body` as an attempt of iteration `iteration` (see ``beginAttempt(_:)``), with a
    /// ``ProcessContinuity`` mark taken before it and compared after it, and takes it again while
    /// it is discarded and re-takes are left (`retaking` is told why, before each re-take). Throws
    /// ``ImpossibleMeasurements`` when none is left; an error of `body` ends the attempt, keeping
    /// what it recorded (but impossible samples).
    ///
    /// With a `load` probe, the host's foreign load is measured around the attempt too (before the
    /// continuity mark and after the body: never inside it). A busy attempt (``HostLoad/isBusy``)
    /// of a measured iteration is taken again while busy re-takes are left, after waiting up to
    /// the probe's `retakeWait` for a quiet host — until one such wait ends on a busy host: later
    /// busy re-takes of the spec do not wait. `retaking` hears of the first busy re-take only (the
    /// spec's note lists them all). A kept iteration records its load (``HostLoadMetrics``).
    package func attempt(
        _ iteration: Int, continuity: any ContinuityProbe = ProcessContinuity.process,
        load: AnyHostLoadProbe? = nil,
        _ body: (Int) async throws -> Void, retaking: (String) -> Void = { _ in }
    ) async throws {
        while true {
            let loadEnd = load?.start()
            let mark = await continuity.mark()
            beginAttempt(iteration)
            do {
                try await body(iteration)
            } catch {
                abandonAttempt()
                throw error
            }
            let interruption = await continuity.interruption(since: mark)
            let measured = loadEnd?()
            switch endAttempt(interruption: interruption, busy: measured) {
            case .kept:
                if let measured, iteration >= 0 { recordLoad(measured, iteration: iteration) }
                return
            case .retake(let reason, let busy):
                guard busy else {
                    retaking(reason)
                    continue
                }
                // One line per spec for iterations measured again because the host was busy (the
                // spec's note lists them all); a wait for a quiet host until one found none.
                let (first, waits) = state.withLock { state in
                    (state.busyRetaken.count == 1, !state.hostStayedBusy)
                }
                if first {
                    retaking(
                        reason
                            + "; later iterations of this spec measured under load are taken again without a line each")
                }
                if let load, waits, interruption == nil, load.retakeWait > .zero,
                    await load.waitForQuiet(upTo: load.retakeWait)?.isBusy == true
                {
                    state.withLock { $0.hostStayedBusy = true }
                }
            case .exhausted(let reason): throw ImpossibleMeasurements(spec: spec, reason: reason)
            }
        }
    }

    /// A kept iteration's foreign load and steal, as the spec's host-load samples.
    private func recordLoad(_ load: HostLoad, iteration: Int) {
        if let metric = Metric.hostLoad.foreignCPU(ofSpec: spec), declared[metric.id] != nil {
            record(metric, iteration: iteration, value: HostLoad.percent(ofCores: load.foreignCores))
        }
        if let metric = Metric.hostLoad.steal(ofSpec: spec), declared[metric.id] != nil {
            record(metric, iteration: iteration, value: HostLoad.percent(ofCores: load.stealCores))
        }
        if let share = load.ioWaitShare, let metric = Metric.hostLoad.ioWait(ofSpec: spec), declared[metric.id] != nil {
            record(metric, iteration: iteration, value: HostLoad.percent(ofShare: share))
        }
    }

    static func busyReason(_ load: HostLoad) -> String {
        "the host was busy with other work (\(HostLoad.describe(cores: load.foreignCores, ioWaitShare: load.ioWaitShare)))"
    }

    /// A count above 0 of something that went wrong: kept from a discarded attempt.
    private static func happened(_ sample: Sample) -> Bool {
        sample.metric.declaration.kind == .count && sample.value > 0 && SampleValidity.problem(with: sample) == nil
    }

    /// Every discard so far, oldest first.
    package var discards: [Discard] { state.withLock { $0.discards } }

    /// Everything recorded so far, with the spec's wall time up to now, and a note on what was
    /// discarded, when anything was.
    package var result: SpecResult {
        let elapsed = clock.now - started
        return state.withLock { state in
            var copy = state.result
            copy.wallSeconds = elapsed.seconds
            if let note = Self.note(on: state.discards) { copy.notes.append(note) }
            if let note = Self.busyNote(retaken: state.busyRetaken, kept: state.busyKept) { copy.notes.append(note) }
            return copy
        }
    }

    /// "2 samples were discarded as physically impossible and taken again: iteration 1 (…); …"
    static func note(on discards: [Discard]) -> String? {
        guard !discards.isEmpty else { return nil }
        let samples = discards.reduce(0) { $0 + $1.samples }
        let retaken = discards.filter(\.retaken).count
        let what = "\(samples) sample\(samples == 1 ? " was" : "s were") discarded as physically impossible"
        let again =
            retaken == 0
            ? ""
            : ", \(retaken == discards.count ? "and" : "of which") \(retaken) iteration"
                + "\(retaken == 1 ? "" : "s") taken again"
        let list = discards.map { discard in
            let iteration =
                discard.iteration < 0 ? "warm-up \(-discard.iteration)" : "iteration \(discard.iteration + 1)"
            return "\(iteration) (\(discard.samples) sample\(discard.samples == 1 ? "" : "s")): \(discard.reason)"
        }
        return what + again + ": " + list.joined(separator: "; ") + "."
    }

    /// "2 iterations were measured again because the host was busy with other work: iteration 3
    /// (1.02 cores), iteration 5 (0.08 cores, I/O wait 71.0 %), …" and how many busy iterations
    /// were kept when no re-take was left.
    static func busyNote(retaken: [(iteration: Int, load: HostLoad)], kept: Int) -> String? {
        guard !retaken.isEmpty || kept > 0 else { return nil }
        var parts: [String] = []
        if !retaken.isEmpty {
            let list = retaken.map { retake in
                let ioWait = retake.load.ioWaitShare.flatMap { share in
                    share > HostLoad.busyIOWaitShare
                        ? ", I/O wait \(MetricUnit.percent.format(HostLoad.percent(ofShare: share)))" : nil
                }
                return "iteration \(retake.iteration + 1) (\(MetricUnit.ratio.format(retake.load.foreignCores)) cores"
                    + (ioWait ?? "") + ")"
            }
            parts.append(
                "\(retaken.count) iteration\(retaken.count == 1 ? " was" : "s were") measured again because the host "
                    + "was busy with other work: " + list.joined(separator: ", "))
        }
        if kept > 0 {
            parts.append(
                "\(kept) iteration\(kept == 1 ? " was" : "s were") kept though the host was busy: "
                    + "no re-measurement was left")
        }
        return parts.joined(separator: "; ") + "."
    }
}

/// A spec whose measurements were impossible more often than it may take them again: it fails,
/// keeping no sample (the run then fails, exit 4, naming it).
package struct ImpossibleMeasurements: Error, CustomStringConvertible {
    package var spec: String
    package var reason: String

    package var description: String { reason }
}
