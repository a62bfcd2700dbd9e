import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import Regression
import ResultsStore
import Sandbox

/// Sandbox profiles measured side by side: two (`ab`) or more (`compare`) stored runs whose
/// iterations take turns in a rotating order (two sides: ABBA), A the baseline and each other side
/// a candidate gated against A with the gate's rules, its decision stored with it (baseline kind
/// `ab` or `compare`, naming A's run: the link between the runs). The specs a relative rule
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
        /// A first, then the candidates: two for `ab`, two or more for `compare`.
        package var sides: [Side]
        package var a: Side { sides[0] }
        package var b: Side { sides[1] }
        /// The kind of the decisions' baseline: `ab`, or `compare`.
        package var baselineKind = "ab"
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
            self.init(
                sides: [a, b], plan: plan, configuration: configuration, configurationFile: configurationFile,
                sampling: sampling, budget: budget, label: label, gitCommit: gitCommit, hostPython: hostPython,
                testbed: testbed, deadlines: deadlines)
        }

        /// `sides`: A, then each candidate (two or more in all).
        package init(
            sides: [Side], plan: SuitePlan, configuration: RegressionConfiguration,
            configurationFile: GateDecision.ConfigurationFile?,
            sampling: Sampling = .init(), budget: Duration?, label: String?, gitCommit: String?, hostPython: String,
            testbed: String,
            deadlines: EngineDeadlines = .default
        ) {
            precondition(sides.count >= 2, "a comparison has two sides or more")
            self.deadlines = deadlines
            self.sides = sides
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

    /// One candidate side, gated against A.
    package struct Candidate: Sendable {
        package var side: ABSide
        package var measured: BenchmarkRun.Outcome
        /// The run as stored: the gated run.
        package var record: RunRecord
        package var gate: RegressionGate.Outcome
        /// A and this side on two engines, when they measured on different ones.
        package var engines: Engines?
    }

    package struct Outcome: Sendable {
        /// Every side's run, A first.
        package var runs: [BenchmarkRun.Outcome]
        /// A's run as stored.
        package var baseline: RunRecord
        /// Every side after A, in order.
        package var candidates: [Candidate]
        /// The plan both sides ran: sequential specs last, with their maximum counts.
        package var plan: SuitePlan
        /// How each sequential spec's iterations ended early; absent when it ran to its maximum.
        package var endings: [SpecName: ABSchedule.Ending]
        package var sequentialSpecs: [SpecName]
        /// The confidence of each look's interval.
        package var confidencePerLook: Double
        /// When the first run started.
        package var startedAt: Date

        package var a: BenchmarkRun.Outcome { runs[0] }
        package var b: BenchmarkRun.Outcome { runs[1] }
        /// B's run as stored: the gated run of `ab`.
        package var candidate: RunRecord { candidates[0].record }
        package var gate: RegressionGate.Outcome { candidates[0].gate }
        /// The two engines, when A and B measured on different ones.
        package var engines: Engines? { candidates[0].engines }

        /// The command's exit: an alert of a candidate against A first, then a side that failed,
        /// then each gate's, the first candidate's first.
        package var conclusion: Conclusion {
            let each = candidates.map { Conclusion(gate: $0.gate, candidate: $0.record, measured: runs) }
            let alerts = each.reduce(0) { total, conclusion in
                if case .regression(let alerts) = conclusion { return total + alerts }
                return total
            }
            if alerts > 0 { return .regression(alerts: alerts) }
            return each.first(where: \.fails) ?? .passed
        }
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
    /// suite count and `sampling.minimum` (whole rotations: even for two sides) up to `sampling.maximum`, which nothing
    /// exceeds: neither the suite's count nor the minimum. The budget stops a spec only once it
    /// has its minimum.
    package static func plan(
        _ plan: SuitePlan, configuration: RegressionConfiguration, sampling: Sampling, sides: Int = 2
    ) -> (plan: SuitePlan, minimum: [SpecName: Int]) {
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
            minimum[spec.name] = min(ABSchedule.wholeRotations(floor, sides: sides), sampling.maximum)
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
        // Every engine must answer before anything is stored: one side alone measures nothing worth keeping.
        // And every side must fit its engine: a sandbox the engine refuses to create would stop
        // the comparison after the other side had begun.
        var daemons: [String?] = []
        for (index, side) in request.sides.enumerated() {
            let engine = try await DockerEngineConnector().connect(
                to: side.profile.engine, deadlines: .default, logger: logger)
            let info = try? await engine.info()
            try? await engine.shutdown()
            daemons.append(info?.rootDirectory)
            if let info, var problem = ProfileCapacityError.check(side.profile, engine: info) {
                problem.side = "\(ABSide.first(request.sides.count)[index].rawValue) (\(side.source))"
                throw problem
            }
        }
        let sides = ABSide.first(request.sides.count)
        let (plan, minimum) = Self.plan(
            request.plan, configuration: request.configuration, sampling: request.sampling, sides: sides.count)
        let looks = minimum.values.map(request.sampling.looks(from:)).max() ?? 1
        let test = SequentialTest(errorRate: request.sampling.errorRate, looks: looks)
        let configuration = Self.judging(request.configuration)
        // A spec stops early when every candidate's verdict against A is clear.
        let schedule = ABSchedule(
            sides: sides.count, minimum: minimum, lookEvery: request.sampling.lookEvery,
            deadline: request.budget.map { ContinuousClock.now + $0 },
            shouldStop: { spec, results, _ in
                guard let a = results[.a] else { return false }
                return results.filter { $0.key != .a }.allSatisfy { _, candidate in
                    test.call(
                        spec: spec.rawValue, baseline: a.samples, candidate: candidate.samples,
                        configuration: configuration) != .unclear
                }
            })
        let runs = try await measure(plan: plan, schedule: schedule)

        let records = try await store.read { reader in try runs.map { try reader.run($0.runID) } }
        let baselineRun = records[0]
        var candidates: [Candidate] = []
        for side in sides.dropFirst() {
            let profile = request.sides[side.index]
            let engines = Engines(
                a: request.a.profile, b: profile.profile, daemons: (daemons[0], daemons[side.index]))
            // A is the baseline exactly; a side A that did not complete leaves each candidate compared
            // with nothing. The decision's baseline says first when A measured on another engine.
            let label =
                "A: run \(baselineRun.id) (\(request.a.source))"
                + (engines.map { ", on another engine (\($0.a)) than \(side) (\($0.b))" } ?? "")
            let baseline =
                baselineRun.status == .completed
                ? BaselineResolver.Resolution(
                    kind: request.baselineKind, runs: [baselineRun], name: nil, label: label) : nil
            let gate = try await RegressionGate(store: store, progress: progress, logger: logger).evaluate(
                RegressionGate.Request(
                    candidate: records[side.index], fixedBaseline: baseline, configuration: configuration,
                    configurationFile: request.configurationFile))
            candidates.append(
                Candidate(
                    side: side, measured: runs[side.index], record: records[side.index], gate: gate,
                    engines: engines))
        }
        return Outcome(
            runs: runs, baseline: baselineRun, candidates: candidates, plan: plan, endings: await schedule.endings,
            sequentialSpecs: plan.specs.map(\.name).filter { minimum[$0] != nil },
            confidencePerLook: test.confidencePerLook, startedAt: baselineRun.startedAt)
    }

    /// Runs every side at once, taking turns; each side is stored before the next starts, so that
    /// the ids follow the sides' order. When one side cannot run at all (its engine unreachable),
    /// the others are stopped and the error thrown.
    private func measure(plan: SuitePlan, schedule: ABSchedule) async throws -> [BenchmarkRun.Outcome] {
        let sides = ABSide.first(request.sides.count)
        return try await withThrowingTaskGroup(of: (ABSide, BenchmarkRun.Outcome).self) { group in
            for side in sides {
                let (stored, storedContinuation) = AsyncStream<Void>.makeStream()
                let run = run(side, plan: plan, schedule: schedule) { storedContinuation.yield() }
                group.addTask {
                    defer { storedContinuation.finish() }
                    return (side, try await run.execute())
                }
                var started = false
                for await _ in stored {
                    started = true
                    break
                }
                // The next side starts once this one is stored; when it could not even be stored,
                // its error is all there is.
                if !started { break }
            }
            var outcomes: [ABSide: BenchmarkRun.Outcome] = [:]
            for try await (side, outcome) in group { outcomes[side] = outcome }
            // A side without an outcome threw above; this only keeps the compiler sure of it.
            guard outcomes.count == sides.count else { throw CancellationError() }
            return sides.compactMap { outcomes[$0] }
        }
    }

    private func run(_ side: ABSide, plan: SuitePlan, schedule: ABSchedule, stored: @escaping @Sendable () -> Void)
        -> BenchmarkRun
    {
        let profile = request.sides[side.index]
        let label = "\(side.rawValue): \(profile.source)" + (request.label.map { ", \($0)" } ?? "")
        let runRequest = BenchmarkRun.Request(
            plan: plan, profile: profile.profile, label: label, gitCommit: request.gitCommit,
            hostPython: request.hostPython,
            testbed: request.testbed, interleaving: schedule.side(side), deadlines: request.deadlines)
        let interruption = self.interruption
        return BenchmarkRun(
            request: runRequest, store: store,
            progress: SideProgress(side: side, drawing: side.index == request.sides.count - 1, progress: progress),
            logger: logger, interruption: { interruption() ?? "another side of the comparison stopping" },
            runStarted: { _ in stored() })
    }
}

/// One side's progress: the last side, which iterates in step with the others, draws the
/// progress of all; the others only speak of what goes wrong on their side.
struct SideProgress: RunProgress {
    let side: ABSide
    /// Whether this side draws the progress.
    let drawing: Bool
    let progress: any RunProgress

    func specStarted(_ spec: SpecName, iterations: Int) {
        if drawing { progress.specStarted(spec, iterations: iterations) }
    }

    func iteration(spec: SpecName, done: Int, of total: Int) {
        if drawing { progress.iteration(spec: spec, done: done, of: total) }
    }

    func specFinished(_ spec: SpecName, result: SpecResult) {
        if drawing { progress.specFinished(spec, result: result) }
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
