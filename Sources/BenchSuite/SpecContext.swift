import BenchModel
import EngineInterface
import Foundation
import Logging
import Sandbox

/// Everything a spec needs to measure: the sandbox, the profile to measure, the host baseline,
/// its counts, and where to report progress.
package struct SpecContext: Sendable {
    package var sandbox: Sandbox
    package var profile: SandboxProfile
    /// The host interpreter for the direct baseline; nil when none could be resolved.
    package var hostInterpreter: HostInterpreter?
    /// The seccomp profile file for the seccomp spec's "profile" case.
    package var seccompProfileFile: SeccompPolicy
    package var settings: SpecSettings
    package var cpuCount: Int
    package var progress: any RunProgress
    package var logger: Logger
    /// A directory for files of the direct baseline (code files), removed after the run.
    package var scratchDirectory: URL
    /// The A/B schedule this side's iterations take turns in; nil for a run of its own.
    package var interleaving: InterleavedSide?
    /// Where the spec records: each iteration is an attempt of it (see ``iterate(_:_:)``).
    package var recorder: SpecRecorder
    /// Whether the process ran without a break during an iteration.
    package var continuity: any ContinuityProbe
    /// The host's foreign load around each iteration (see ``SpecRecorder/attempt``); nil: not measured.
    package var hostLoad: AnyHostLoadProbe?

    package init(
        sandbox: Sandbox, profile: SandboxProfile, hostInterpreter: HostInterpreter?, seccompProfileFile: SeccompPolicy,
        settings: SpecSettings, cpuCount: Int, progress: any RunProgress, logger: Logger, scratchDirectory: URL,
        recorder: SpecRecorder, interleaving: InterleavedSide? = nil,
        continuity: any ContinuityProbe = ProcessContinuity.process, hostLoad: AnyHostLoadProbe? = nil
    ) {
        self.hostLoad = hostLoad
        self.recorder = recorder
        self.continuity = continuity
        self.interleaving = interleaving
        self.sandbox = sandbox
        self.profile = profile
        self.hostInterpreter = hostInterpreter
        self.seccompProfileFile = seccompProfileFile
        self.settings = settings
        self.cpuCount = cpuCount
        self.progress = progress
        self.logger = logger
        self.scratchDirectory = scratchDirectory
    }

    /// The clock a spec's wall times are read from: the sandbox's (see ``MeasuringClock``).
    package var clock: any MeasuringClock { sandbox.clock }

    /// One sandbox lifecycle, judged.
    package struct Lifecycle: Sendable {
        package var result: SandboxResult
        /// True when the code ran, exited 0, printed what it should, and its container was removed.
        package var isValid: Bool
    }

    /// Runs `sample` in a fresh container and judges it. An invalid run is recorded as a failure
    /// of `metric` with the container's output; the container is recorded either way.
    package func lifecycle(
        _ sample: CodeSample, profile: SandboxProfile? = nil, spec: SpecName, iteration: Int, metric: Metric?,
        recorder: SpecRecorder, instrumented: Bool = false
    ) async throws -> Lifecycle {
        let code = instrumented ? sample.instrumented : sample.source
        let result = try await sandbox.run(code, profile: profile ?? self.profile, spec: spec.rawValue)
        recordContainer(result, iteration: iteration, recorder: recorder)
        // Timed one after another within the wall time, the phases cannot sum to more.
        if let problem = SampleValidity.problem(
            phases: result.phases, wallSeconds: result.wallSeconds,
            container: result.containerID ?? result.containerName)
        {
            recorder.impossible(problem, iteration: iteration)
        }
        if let reason = Self.rejection(of: result, expecting: sample, instrumented: instrumented) {
            recorder.fail(metric, iteration: iteration, reason: reason, output: result.combinedOutput)
            return Lifecycle(result: result, isValid: false)
        }
        return Lifecycle(result: result, isValid: true)
    }

    /// Why a result does not count as a sample, or nil when it does.
    static func rejection(of result: SandboxResult, expecting sample: CodeSample, instrumented: Bool) -> String? {
        if let reason = result.failureReason { return reason }
        let printed = instrumented ? InstrumentedOutput(stdout: result.stdout).codeOutput : result.stdout
        if printed != sample.expectedOutput {
            return "printed \(Self.quote(printed)) instead of \(Self.quote(sample.expectedOutput))"
        }
        if !result.removal.removed {
            return "its container could not be removed: \(result.removal.error ?? "unknown reason")"
        }
        return nil
    }

    func recordContainer(_ result: SandboxResult, iteration: Int, recorder: SpecRecorder) {
        guard var record = result.containerRecord else { return }
        record.iteration = iteration
        recorder.container(record)
    }

    static func quote(_ text: String) -> String {
        let shown = text.count > 120 ? String(text.prefix(120)) + "…" : text
        return "\"" + shown.replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    /// Runs warm-ups and then `settings.iterations` measured iterations of `body`, reporting progress.
    /// Warm-up iterations are passed negative numbers (−1, −2, …): they record no sample, but their
    /// failures and containers are recorded like any other.
    ///
    /// Each iteration is an attempt of the recorder's: one whose samples cannot be physical, or
    /// during which the tool was stopped or the machine suspended (``ProcessContinuity``, read
    /// before and after the iteration, never inside it), is discarded and taken again, as long as
    /// the spec has re-takes left; then the spec fails (``ImpossibleMeasurements``).
    ///
    /// In an A/B comparison each iteration waits for its turn (ABBA order), and the iterations may
    /// end before `settings.iterations` when the schedule says the verdict is clear; a re-take
    /// happens within its turn.
    package func iterate(_ spec: SpecName, _ body: (Int) async throws -> Void) async throws {
        let total = settings.warmups + settings.iterations
        func attempted(_ iteration: Int) async throws {
            try await attempt(spec, iteration: iteration, body)
        }
        if let interleaving {
            try await interleaving.iterate(spec, settings: settings, attempted) { done in
                progress.iteration(spec: spec, done: done, of: total)
            }
            return
        }
        for warmup in 0..<settings.warmups {
            try Task.checkCancellation()
            try await attempted(-(warmup + 1))
            progress.iteration(spec: spec, done: warmup + 1, of: total)
        }
        for iteration in 0..<settings.iterations {
            try Task.checkCancellation()
            try await attempted(iteration)
            progress.iteration(spec: spec, done: settings.warmups + iteration + 1, of: total)
        }
    }

    /// One iteration, taken again while it is impossible and re-takes are left.
    private func attempt(_ spec: SpecName, iteration: Int, _ body: (Int) async throws -> Void) async throws {
        logger.debug("iteration started", metadata: ["spec": "\(spec.rawValue)", "iteration": "\(iteration)"])
        try await recorder.attempt(iteration, continuity: continuity, load: hostLoad, body) { reason in
            let which = iteration < 0 ? "warm-up \(-iteration)" : "iteration \(iteration + 1)"
            progress.warning("\(spec.rawValue): \(which) discarded and taken again: \(reason)")
            logger.debug("iteration started", metadata: ["spec": "\(spec.rawValue)", "iteration": "\(iteration)"])
        }
    }
}

/// A spec whose measurements were impossible more often than it may take them again: it fails,
/// keeping no sample (the run then fails, exit 4, naming it).
