import BenchModel
import EngineInterface
import Foundation
import Logging
import Sandbox

/// Runs the specs of a plan one after another and hands each spec's result over as soon as the
/// spec ends — also the part of a spec that was interrupted.
package struct SuiteRunner: Sendable {
    package var plan: SuitePlan
    package var sandbox: Sandbox
    package var profile: SandboxProfile
    package var hostInterpreter: HostInterpreter?
    package var seccompProfileFile: SeccompPolicy
    package var cpuCount: Int
    package var progress: any RunProgress
    package var logger: Logger
    /// The A/B schedule this run takes turns in, iteration by iteration; nil for a run of its own.
    package var interleaving: InterleavedSide?
    /// Whether the process ran without a break during an iteration (see ``SpecRecorder/attempt``).
    package var continuity: any ContinuityProbe
    /// The host's foreign load around each iteration; nil: not measured (an A/B comparison, a test).
    package var hostLoad: AnyHostLoadProbe?

    package init(
        plan: SuitePlan, sandbox: Sandbox, profile: SandboxProfile, hostInterpreter: HostInterpreter?,
        seccompProfileFile: SeccompPolicy, cpuCount: Int, progress: any RunProgress, logger: Logger,
        interleaving: InterleavedSide? = nil, continuity: any ContinuityProbe = ProcessContinuity.process,
        hostLoad: AnyHostLoadProbe? = nil
    ) {
        self.hostLoad = hostLoad
        self.interleaving = interleaving
        self.continuity = continuity
        self.plan = plan
        self.sandbox = sandbox
        self.profile = profile
        self.hostInterpreter = hostInterpreter
        self.seccompProfileFile = seccompProfileFile
        self.cpuCount = cpuCount
        self.progress = progress
        self.logger = logger
    }

    /// Runs every planned spec; `completed` receives each spec's result when it ends (on
    /// cancellation, the interrupted spec's partial result is handed over before the
    /// `CancellationError` propagates).
    package func run(_ completed: (SpecResult) async throws -> Void) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sandbox-bench-\(sandbox.runID)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for planned in plan.specs {
            try Task.checkCancellation()
            // A busy iteration may be measured once more each: at most twice the spec's work.
            let recorder = SpecRecorder(
                spec: planned.name.rawValue,
                busyRetakes: hostLoad == nil ? 0 : max(3, planned.settings.iterations))
            let context = SpecContext(
                sandbox: sandbox, profile: profile, hostInterpreter: hostInterpreter,
                seccompProfileFile: seccompProfileFile,
                settings: planned.settings, cpuCount: cpuCount, progress: progress, logger: logger,
                scratchDirectory: scratch, recorder: recorder,
                interleaving: interleaving, continuity: continuity, hostLoad: hostLoad)
            progress.specStarted(planned.name, iterations: planned.settings.warmups + planned.settings.iterations)
            logger.info("spec started", metadata: ["spec": "\(planned.name.rawValue)"])
            do {
                // In an A/B comparison both sides start each spec together.
                try await interleaving?.enter(planned.name, recorder: recorder)
                try await Self.run(planned.name, context, recorder)
            } catch let error where error is CancellationError || Task.isCancelled || Self.engineIsGone(error) {
                await interleaving?.leave(planned.name)
                let partial = recorder.result
                if !partial.samples.isEmpty || !partial.failures.isEmpty || !partial.containers.isEmpty {
                    try await completed(partial)
                }
                throw error
            } catch let error as ImpossibleMeasurements {
                // The recorder has recorded the failure and kept no sample: the spec fails.
                progress.warning("\(planned.name.rawValue) failed: \(error.reason)")
                logger.info("spec failed", metadata: ["spec": "\(planned.name.rawValue)", "error": "\(error)"])
            } catch {
                // Anything else stops this spec, not the run: it is a counted failure of the spec,
                // and a spec left without a valid sample fails the run (exit 4) when it ends.
                recorder.fail(iteration: 0, reason: "the spec stopped: \(error)")
                logger.info("spec stopped", metadata: ["spec": "\(planned.name.rawValue)", "error": "\(error)"])
            }
            await interleaving?.leave(planned.name)
            let result = recorder.result
            progress.specFinished(planned.name, result: result)
            try await completed(result)
        }
    }

    /// The engine hangs or went away: every further spec would fail the same way, so the run stops.
    static func engineIsGone(_ error: any Error) -> Bool {
        (error as? DockerEngineError)?.isEngineFault ?? false
    }

    static func run(_ spec: SpecName, _ context: SpecContext, _ recorder: SpecRecorder) async throws {
        switch spec {
        case .creation: try await CreationSpec.run(context, recorder)
        case .overheadSimple: try await OverheadSpec.run(spec, .simple, sample: .simple, context, recorder)
        case .overheadCompute: try await OverheadSpec.run(spec, .compute, sample: .compute, context, recorder)
        case .overheadPandas: try await OverheadSpec.run(spec, .pandas, sample: .pandas, context, recorder)
        case .parallel: try await ParallelSpec.run(context, recorder)
        case .cleanup: try await CleanupSpec.run(context, recorder)
        case .cleanupAll: try await CleanupAllSpec.run(context, recorder)
        case .e2e: try await EndToEndSpec.run(context, recorder)
        case .memoryLimit: try await MemoryLimitSpec.run(context, recorder)
        case .seccomp: try await SeccompSpec.run(context, recorder)
        case .warm: try await WarmSpec.run(context, recorder)
        case .scaling: try await ScalingSpec.run(context, recorder)
        case .security: try await SecuritySpec.run(context, recorder)
        }
    }
}
