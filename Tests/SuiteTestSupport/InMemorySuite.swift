import BenchModel
import BenchSuite
import EngineInterface
import EngineTestSupport
import Foundation
import Logging
import Sandbox
import Synchronization

/// The suite on an in-memory engine: a sandbox of the engine, a profile whose image the engine
/// has, ``SuitePython`` in its containers, a scripted host interpreter, a continuity the test
/// controls, and what the run said. ``run(_:)`` runs a plan's specs as a run does and returns
/// each spec's result.
package struct InMemorySuite: Sendable {
    package let engine: InMemoryEngine
    package var sandbox: Sandbox
    package var profile: SandboxProfile
    package var host: ScriptedInterpreter?
    package var continuity: SimulatedContinuity
    /// The host's foreign load around each iteration; nil: not measured.
    package var hostLoad: AnyHostLoadProbe?
    package var progress: RecordedProgress
    package var cpuCount: Int

    package init(
        python: SuitePython = SuitePython(), host: ScriptedInterpreter? = ScriptedInterpreter(),
        deadlines: EngineDeadlines = EngineDeadlines(ping: .seconds(1), call: .seconds(5)), cpuCount: Int = 8
    ) {
        let profile = SandboxProfile(engine: DockerHost(socketPath: "/in-memory/suite.sock"))
        engine = InMemoryEngine(deadlines: deadlines, images: [profile.image], program: python.program)
        sandbox = Sandbox(engine: engine, runID: "test-\(UUID().uuidString.prefix(8).lowercased())")
        self.profile = profile
        self.host = host
        continuity = SimulatedContinuity(clock: engine.testClock)
        progress = RecordedProgress()
        self.cpuCount = cpuCount
    }

    /// Every spec of `plan`, in order, as `SuiteRunner` hands them over.
    package func run(_ plan: SuitePlan) async throws -> [SpecResult] {
        let runner = SuiteRunner(
            plan: plan, sandbox: sandbox, profile: profile, hostInterpreter: host?.interpreter,
            seccompProfileFile: RunConfiguration.seccompSpecPolicy(for: profile), cpuCount: cpuCount,
            progress: progress, logger: Logger(label: "test"), continuity: continuity, hostLoad: hostLoad)
        let results = Mutex<[SpecResult]>([])
        try await runner.run { result in results.withLock { $0.append(result) } }
        return results.withLock { $0 }
    }

    /// One spec with `iterations` (and `warmups`).
    package func run(_ spec: SpecName, iterations: Int, warmups: Int = 0) async throws -> SpecResult {
        var plan = SuitePlan(suite: .quick, only: [spec], iterations: iterations)
        plan.specs[0].settings.warmups = warmups
        let results = try await run(plan)
        return results[0]
    }
}

/// A host whose foreign load the test scripts: each iteration's load (cores) in turn, then
/// `thenCores` for every later one; or each iteration's whole ``HostLoad`` (an I/O wait too).
package final class ScriptedHostLoad: HostLoadProbe {
    private let loads: Mutex<[HostLoad]>
    private let then: HostLoad
    private let measured = Mutex(0)

    package convenience init(_ loads: [Double], thenCores: Double = 0.05) {
        self.init(loads: loads.map { Self.cpu($0) }, then: Self.cpu(thenCores))
    }

    package init(loads: [HostLoad], then: HostLoad = ScriptedHostLoad.cpu(0.05)) {
        self.loads = Mutex(loads)
        self.then = then
    }

    /// An iteration of 0.3 s with `cores` of foreign load, a tenth of it steal, and some task
    /// waiting for I/O `ioWaitShare` of the time (2 %: a quiet host's; nil: a kernel without
    /// pressure stall information).
    package static func cpu(_ cores: Double, ioWaitShare: Double? = 0.02) -> HostLoad {
        HostLoad(foreignCores: cores, stealCores: cores / 10, seconds: 0.3, ioWaitShare: ioWaitShare)
    }

    /// How many intervals were measured.
    package var intervals: Int { measured.withLock { $0 } }

    package func mark() -> Int { 0 }

    package func load(since mark: Int) -> HostLoad? {
        measured.withLock { $0 += 1 }
        return loads.withLock { $0.isEmpty ? then : $0.removeFirst() }
    }
}

/// A process that can be made to look stopped or frozen: what `ProcessContinuity` says after a
/// SIGCONT, or after the heartbeat found time the process did not run, without sending a signal
/// to the whole test process or freezing it.
package final class SimulatedContinuity: ContinuityProbe {
    private let stops = Mutex(0)
    private let frozen = Mutex<Duration>(.zero)
    /// The clock a freeze moves, whose time each mark carries; nil: marks carry no time.
    private let clock: TestClock?

    package init(clock: TestClock? = nil) {
        self.clock = clock
    }

    package func stop() { stops.withLock { $0 += 1 } }

    /// The tool frozen without a signal for `duration`: the clock moves by it (what the tool was
    /// timing grows by it, as a real freeze makes it), and the heartbeat's total with it.
    package func freeze(for duration: Duration) {
        frozen.withLock { $0 += duration }
        clock?.advance(by: duration)
    }

    /// The host delayed the tool by `duration` of waiting for a CPU: the clock moves, and the
    /// heartbeat, whose waiting the scheduler counts, finds nothing frozen.
    package func delay(by duration: Duration) {
        clock?.advance(by: duration)
    }

    package func mark() -> ProcessContinuity.Mark {
        ProcessContinuity.Mark(
            continued: stops.withLock { $0 }, suspendedNanoseconds: 0,
            frozenNanoseconds: Self.nanoseconds(frozen.withLock { $0 }),
            atNanoseconds: clock.map { Self.nanoseconds($0.time) } ?? 0)
    }

    package func interruption(since mark: ProcessContinuity.Mark) -> String? {
        ProcessContinuity.interruption(from: mark, to: self.mark())
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// What a run said: its warnings and messages, and the specs it started.
package final class RecordedProgress: RunProgress {
    private let said = Mutex<(warnings: [String], messages: [String], specs: [SpecName])>(([], [], []))

    package init() {}

    package var warnings: [String] { said.withLock { $0.warnings } }
    package var messages: [String] { said.withLock { $0.messages } }
    package var specsStarted: [SpecName] { said.withLock { $0.specs } }

    package func specStarted(_ spec: SpecName, iterations: Int) { said.withLock { $0.specs.append(spec) } }
    package func iteration(spec: SpecName, done: Int, of total: Int) {}
    package func specFinished(_ spec: SpecName, result: SpecResult) {}
    package func message(_ text: String) { said.withLock { $0.messages.append(text) } }
    package func warning(_ text: String) { said.withLock { $0.warnings.append(text) } }
}
