import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import Regression
import ResultsStore
import Sandbox

/// Two sandbox profiles measured side by side (`ab`): two stored runs whose iterations take turns
/// in ABBA order, A the baseline and B the candidate, and B gated against A with the gate's rules,
/// its decision stored with B (baseline kind `ab`, naming A's run). The specs a relative rule
/// watches (creation, by default) are measured sequentially: from a minimum, looked at every few
/// iterations, until their verdict is clear (``SequentialTest``), their maximum, or the budget.
package struct ABComparison: Sendable {
    package struct Side: Sendable {
        package var profile: SandboxProfile
        /// Where the profile came from, for labels: `a.json`.
        package var source: String

        package init(profile: SandboxProfile, source: String) {
            self.profile = profile
            self.source = source
        }
    }

    /// How the sequential specs are sampled, per side.
    package struct Sampling: Sendable, Equatable {
        package var minimum: Int
        package var maximum: Int
        /// A look at the data every this many measured iterations (even: whole ABBA blocks).
        package var lookEvery: Int
        /// The chance per rule of stopping early on the wrong side of its limit.
        package var errorRate: Double

        /// Measured samples per side before the first look. Twenty, not ten: at ten pairs a
        /// percentile bootstrap is too narrow, and A = B once stopped there as a clear +17 % alert.
        package static let defaultMinimum = 20
        package static let defaultMaximum = 60

        /// A maximum is a maximum: a minimum above it is lowered to it.
        package init(
            minimum: Int = defaultMinimum, maximum: Int = defaultMaximum, lookEvery: Int = 10, errorRate: Double = 0.05
        ) {
            self.minimum = min(minimum, maximum)
            self.maximum = maximum
            self.lookEvery = lookEvery
            self.errorRate = errorRate
        }

        /// The looks a spec that starts with `minimum` measured iterations can have before its maximum.
        func looks(from minimum: Int) -> Int { max(1, (maximum - minimum + lookEvery - 1) / lookEvery) }
    }

    package struct Request: Sendable {
        package var a: Side
        package var b: Side
        package var plan: SuitePlan
        package var configuration: RegressionConfiguration
        package var configurationFile: GateDecision.ConfigurationFile?
        package var sampling: Sampling
        /// After this, sequential specs stop at the end of their current ABBA block.
        package var budget: Duration?
        package var label: String?
        package var gitCommit: String?
        package var hostPython: String
        package var testbed: String
        /// The deadlines of both sides' engine calls.
        package var deadlines: EngineDeadlines = .default

        package init(
            a: Side, b: Side, plan: SuitePlan, configuration: RegressionConfiguration,
            configurationFile: GateDecision.ConfigurationFile?,
            sampling: Sampling = .init(), budget: Duration?, label: String?, gitCommit: String?, hostPython: String,
            testbed: String,
            deadlines: EngineDeadlines = .default
        ) {
            self.deadlines = deadlines
            self.a = a
            self.b = b
            self.plan = plan
            self.configuration = configuration
            self.configurationFile = configurationFile
            self.sampling = sampling
            self.budget = budget
            self.label = label
            self.gitCommit = gitCommit
            self.hostPython = hostPython
            self.testbed = testbed
        }
    }

    package struct Outcome: Sendable {
        package var a: BenchmarkRun.Outcome
        package var b: BenchmarkRun.Outcome
        /// B's run as stored: the gated run.
        package var candidate: RunRecord
        package var gate: RegressionGate.Outcome
        /// The plan both sides ran: sequential specs last, with their maximum counts.
        package var plan: SuitePlan
        /// How each sequential spec's iterations ended early; absent when it ran to its maximum.
        package var endings: [SpecName: ABSchedule.Ending]
        package var sequentialSpecs: [SpecName]
        /// The confidence of each look's interval.
        package var confidencePerLook: Double
        /// The two engines, when A and B measured on different ones.
        package var engines: Engines?

        /// The command's exit: an alert of B against A first, then a side that failed, then the gate's.
        package var conclusion: Conclusion { Conclusion(gate: gate, candidate: candidate, measured: [a, b]) }
    }

    /// A and B on two engines: the comparison is of the engines as much as of the profiles.
    package struct Engines: Sendable, Hashable {
        package var a: String
        package var b: String

        /// Nil when both profiles run on one engine: one socket, or two sockets of one daemon
        /// (the same data folder, `DockerRootDir`; nil when not known).
        package init?(a: SandboxProfile, b: SandboxProfile, daemons: (a: String?, b: String?) = (nil, nil)) {
            guard a.engine != b.engine else { return nil }
            if let rootA = daemons.a, let rootB = daemons.b, rootA == rootB { return nil }
            self.a = a.engine.description
            self.b = b.engine.description
        }

        /// "A and B measured on different engines: A on unix:///…, B on unix:///…"
        package var sentence: String {
            "A and B measured on different engines: A on \(a), B on \(b); "
                + "the comparison is of the engines as much as of the profiles"
        }
    }

    package var request: Request
    package var store: any ResultsStore
    package var progress: any RunProgress
    package var logger: Logger
    package var interruption: @Sendable () -> String?

    package init(
        request: Request, store: any ResultsStore, progress: any RunProgress, logger: Logger,
        interruption: @escaping @Sendable () -> String? = { nil }
    ) {
        self.request = request
        self.store = store
        self.progress = progress
        self.logger = logger
        self.interruption = interruption
    }

    /// The plan both sides run, and the minimum of each sequential spec: the specs a relative rule
    /// watches run last (so that the budget bounds their extension), from the larger of their
    /// suite count and `sampling.minimum` (made even) up to `sampling.maximum`, which nothing
    /// exceeds: neither the suite's count nor the minimum. The budget stops a spec only once it
    /// has its minimum.
    package static func plan(_ plan: SuitePlan, configuration: RegressionConfiguration, sampling: Sampling) -> (
        plan: SuitePlan, minimum: [SpecName: Int]
    ) {
        let watched = SequentialTest.sequentialSpecs(of: configuration)
        var fixed: [SuitePlan.PlannedSpec] = []
        var sequential: [SuitePlan.PlannedSpec] = []
        var minimum: [SpecName: Int] = [:]
        for var spec in plan.specs {
            guard watched.contains(spec.name.rawValue) else {
                fixed.append(spec)
                continue
            }
            let floor = max(spec.settings.iterations, sampling.minimum)
            minimum[spec.name] = min(floor + floor % 2, sampling.maximum)
            spec.settings.iterations = sampling.maximum
            sequential.append(spec)
        }
        var result = plan
        result.specs = fixed + sequential
        return (result, minimum)
    }

    /// The configuration B is judged with: the given one, where a relative rule alerts only on a
    /// significant change (`noise.requiredForAlerts`). Both sides share the host's minutes, so
    /// the rank test and the interval speak of the sandboxes, not of the host; without this, a
    /// limit below the noise of one side's median (about ±8 % at 60 samples on a loaded 2-core
    /// host) alerts on A = B as often as one time in three. A false alert then needs a change
    /// beyond the limit and a rank test below its alpha (0.05, two-sided).
    ///
    /// And B is compared with A pair by pair (`noise.paired`, ``PairedChange``): iteration i of B
    /// against iteration i of A, its neighbour in the same ABBA block, so that a regime of the
    /// host moves both values of a pair alike and drops out of their ratio.
    package static func judging(_ configuration: RegressionConfiguration) -> RegressionConfiguration {
        var judging = configuration
        judging.noise.requiredForAlerts = true
        judging.noise.paired = true
        return judging
    }

    package func execute() async throws -> Outcome {
        // Both engines must answer before anything is stored: one side alone measures nothing worth keeping.
        var daemons: [String?] = []
        for side in [request.a, request.b] {
            let engine = try await DockerEngineConnector().connect(
                to: side.profile.engine, deadlines: .default, logger: logger)
            daemons.append(try? await engine.info().rootDirectory)
            try? await engine.shutdown()
        }
        let engines = Engines(a: request.a.profile, b: request.b.profile, daemons: (daemons[0], daemons[1]))
        let (plan, minimum) = Self.plan(request.plan, configuration: request.configuration, sampling: request.sampling)
        let looks = minimum.values.map(request.sampling.looks(from:)).max() ?? 1
        let test = SequentialTest(errorRate: request.sampling.errorRate, looks: looks)
        let configuration = Self.judging(request.configuration)
        let schedule = ABSchedule(
            minimum: minimum, lookEvery: request.sampling.lookEvery,
            deadline: request.budget.map { ContinuousClock.now + $0 },
            shouldStop: { spec, a, b, _ in
                test.call(spec: spec.rawValue, baseline: a.samples, candidate: b.samples, configuration: configuration)
                    != .unclear
            })
        let (a, b) = try await measure(plan: plan, schedule: schedule)

        let (candidate, baselineRun) = try await store.read { reader in
            (try reader.run(b.runID), try reader.run(a.runID))
        }
        // A is the baseline exactly; a side A that did not complete leaves B compared with nothing.
        // The decision's baseline says first when A measured on another engine than B.
        let label =
            "A: run \(baselineRun.id) (\(request.a.source))"
            + (engines.map { ", on another engine (\($0.a)) than B (\($0.b))" } ?? "")
        let baseline =
            baselineRun.status == .completed
            ? BaselineResolver.Resolution(kind: "ab", runs: [baselineRun], name: nil, label: label) : nil
        let gate = try await RegressionGate(store: store, progress: progress, logger: logger).evaluate(
            RegressionGate.Request(
                candidate: candidate, fixedBaseline: baseline, configuration: configuration,
                configurationFile: request.configurationFile))
        return Outcome(
            a: a, b: b, candidate: candidate, gate: gate, plan: plan, endings: await schedule.endings,
            sequentialSpecs: plan.specs.map(\.name).filter { minimum[$0] != nil },
            confidencePerLook: test.confidencePerLook, engines: engines)
    }

    /// Runs both sides at once, taking turns; A is stored first, so that its id is the smaller.
    /// When one side cannot run at all (its engine unreachable), the other is stopped and the error thrown.
    private func measure(plan: SuitePlan, schedule: ABSchedule) async throws -> (
        BenchmarkRun.Outcome, BenchmarkRun.Outcome
    ) {
        let (aStored, aStoredContinuation) = AsyncStream<Void>.makeStream()
        let runA = run(.a, plan: plan, schedule: schedule) { aStoredContinuation.yield() }
        let runB = run(.b, plan: plan, schedule: schedule) {}
        return try await withThrowingTaskGroup(of: (ABSide, BenchmarkRun.Outcome).self) { group in
            group.addTask {
                defer { aStoredContinuation.finish() }
                return (.a, try await runA.execute())
            }
            var started = false
            for await _ in aStored {
                started = true
                break
            }
            // B starts once A is stored; when A could not even be stored, A's error is all there is.
            if started { group.addTask { (.b, try await runB.execute()) } }
            var outcomes: [ABSide: BenchmarkRun.Outcome] = [:]
            for try await (side, outcome) in group { outcomes[side] = outcome }
            // A side without an outcome threw above; this only keeps the compiler sure of it.
            guard let a = outcomes[.a], let b = outcomes[.b] else { throw CancellationError() }
            return (a, b)
        }
    }

    private func run(_ side: ABSide, plan: SuitePlan, schedule: ABSchedule, stored: @escaping @Sendable () -> Void)
        -> BenchmarkRun
    {
        let profile = side == .a ? request.a : request.b
        let label = "\(side.rawValue): \(profile.source)" + (request.label.map { ", \($0)" } ?? "")
        let runRequest = BenchmarkRun.Request(
            plan: plan, profile: profile.profile, label: label, gitCommit: request.gitCommit,
            hostPython: request.hostPython,
            testbed: request.testbed, interleaving: schedule.side(side), deadlines: request.deadlines)
        let interruption = self.interruption
        return BenchmarkRun(
            request: runRequest, store: store, progress: SideProgress(side: side, progress: progress), logger: logger,
            interruption: { interruption() ?? "the other side of the A/B comparison stopping" },
            runStarted: { _ in stored() })
    }
}

/// One side's progress: B, which iterates in step with A, draws the progress of both; A only
/// speaks of what goes wrong on its side.
struct SideProgress: RunProgress {
    let side: ABSide
    let progress: any RunProgress

    func specStarted(_ spec: SpecName, iterations: Int) {
        if side == .b { progress.specStarted(spec, iterations: iterations) }
    }

    func iteration(spec: SpecName, done: Int, of total: Int) {
        if side == .b { progress.iteration(spec: spec, done: done, of: total) }
    }

    func specFinished(_ spec: SpecName, result: SpecResult) {
        if side == .b { progress.specFinished(spec, result: result) }
    }

    func message(_ text: String) { progress.message("\(side.rawValue): \(text)") }
    func warning(_ text: String) { progress.warning("\(side.rawValue): \(text)") }
    func warning(_ problem: any Error) { progress.warning(SideProblem(side: side, problem: problem)) }
}

/// A problem of one side of an A/B comparison, said with the side's name first.
package struct SideProblem: Error, CustomStringConvertible {
    package var side: ABSide
    package var problem: any Error

    package var description: String { "\(side.rawValue): \(problem)" }
}
