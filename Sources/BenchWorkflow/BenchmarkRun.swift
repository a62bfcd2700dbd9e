import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import ResultsStore
import Sandbox

/// One stored suite run, from start to its final status. The engine is reached, the image made
/// sure of and the leftovers of dead runs reaped before anything is stored (an environment that
/// cannot run the suite leaves no run behind); then the run is inserted as `running`, the
/// environment recorded, each spec stored as it ends, the run's own containers and volumes
/// swept, and the run closed as `completed`, `failed` (with the reason) or `aborted` (with what
/// was measured before the interruption). An engine that hangs past a deadline or goes away
/// ends the run as `failed`, with the reason (see `BenchmarkRun+EngineFault.swift`).
package struct BenchmarkRun: Sendable {
    package struct Request: Sendable {
        package var plan: SuitePlan
        /// What to measure, on which engine (`profile.engine`).
        package var profile: SandboxProfile
        package var label: String?
        package var gitCommit: String?
        package var hostPython: String
        package var purpose: RunPurpose
        package var parentRunID: Int64?
        /// The machine, or pool of alike machines, the run measures.
        package var testbed: String
        /// The A/B schedule the run takes turns in (`ab`); nil for a run of its own.
        package var interleaving: InterleavedSide?
        /// How long each engine call may take.
        package var deadlines: EngineDeadlines
        /// Whether the run measures the host's foreign load around each iteration and measures
        /// busy iterations again (the nightly `run`), and how long it first waits for a quiet host.
        package var hostLoad: HostLoadPolicy?

        package init(
            plan: SuitePlan, profile: SandboxProfile, label: String? = nil, gitCommit: String? = nil,
            hostPython: String = "python3", purpose: RunPurpose = .main, parentRunID: Int64? = nil,
            testbed: String = Testbed.defaultName, interleaving: InterleavedSide? = nil,
            deadlines: EngineDeadlines = .default, hostLoad: HostLoadPolicy? = nil
        ) {
            self.hostLoad = hostLoad
            self.interleaving = interleaving
            self.testbed = testbed
            self.plan = plan
            self.profile = profile
            self.label = label
            self.gitCommit = gitCommit
            self.hostPython = hostPython
            self.purpose = purpose
            self.parentRunID = parentRunID
            self.deadlines = deadlines
        }
    }

    package struct Outcome: Sendable {
        package var runID: Int64
        package var status: RunStatus
        package var reason: String?
        package var results: [SpecResult]
        /// Planned specs that produced no valid sample.
        package var invalidSpecs: [String]
        /// Containers of this run still on the engine after its specs ended.
        package var leftoverContainers: Int
        /// Containers of earlier, dead runs that were removed before this run started.
        package var reapedContainers: Int

        package init(
            runID: Int64, status: RunStatus, reason: String? = nil, results: [SpecResult] = [],
            invalidSpecs: [String] = [], leftoverContainers: Int = 0, reapedContainers: Int = 0
        ) {
            self.runID = runID
            self.status = status
            self.reason = reason
            self.results = results
            self.invalidSpecs = invalidSpecs
            self.leftoverContainers = leftoverContainers
            self.reapedContainers = reapedContainers
        }
    }

    package var request: Request
    package var store: any ResultsStore
    package var progress: any RunProgress
    package var logger: Logger
    /// Names the interruption when the run is cancelled ("SIGINT").
    package var interruption: @Sendable () -> String?
    /// Called with the run's id as soon as the run is stored, so that a caller can publish a report
    /// of a run that then failed or was interrupted.
    package var runStarted: @Sendable (Int64) -> Void
    /// The engine, the host interpreter and the process's continuity (see ``Dependencies``).
    package var dependencies: Dependencies

    package init(
        request: Request, store: any ResultsStore, progress: any RunProgress, logger: Logger,
        interruption: @escaping @Sendable () -> String? = { nil },
        runStarted: @escaping @Sendable (Int64) -> Void = { _ in }, dependencies: Dependencies = .live
    ) {
        self.dependencies = dependencies
        self.request = request
        self.store = store
        self.progress = progress
        self.logger = logger
        self.interruption = interruption
        self.runStarted = runStarted
    }

    /// Runs the suite. Throws the engine's error, storing nothing, when the engine or the image
    /// is unusable; throws `CancellationError` (after storing the run as `aborted`) when
    /// interrupted; throws the engine's fault (after storing the run as `failed`) when the engine
    /// hangs or goes away during the run; and returns a `failed` outcome when a spec produced no
    /// valid sample.
    package func execute() async throws -> Outcome {
        // However the run ends, the other side of an A/B comparison must not wait for it.
        do {
            let outcome = try await executeRun()
            await request.interleaving?.depart()
            return outcome
        } catch {
            await request.interleaving?.depart()
            throw error
        }
    }

    private func executeRun() async throws -> Outcome {
        // Without a host interpreter the run goes on: only the direct baselines are not measurable.
        let hostInterpreter: Result<HostInterpreter, any Error>
        do {
            hostInterpreter = .success(
                try await dependencies.hostInterpreter(
                    request.hostPython, .milliseconds(Int64((request.profile.timeoutSeconds * 1000).rounded(.up)))))
        } catch {
            hostInterpreter = .failure(error)
        }
        let engine = try await dependencies.engines.connect(
            to: request.profile.engine, deadlines: request.deadlines, logger: logger)
        do {
            let outcome = try await prepareAndMeasure(engine: engine, hostInterpreter: hostInterpreter)
            try? await engine.shutdown()
            return outcome
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    /// Everything that can fail for the environment's sake happens before the run is stored.
    private func prepareAndMeasure(
        engine: any ContainerEngine, hostInterpreter resolved: Result<HostInterpreter, any Error>
    ) async throws -> Outcome {
        let hostInterpreter = try? resolved.get()
        try await ensureImage(engine)
        let info = try await engine.info()
        if let problem = ProfileCapacityError.check(request.profile, engine: info) { throw problem }
        let reaped = try await reapDeadRuns(engine)
        let fingerprint = try await EnvironmentProbe.fingerprint(engine: engine, profile: request.profile, info: info)
        try Task.checkCancellation()
        let configuration = RunConfiguration(
            plan: request.plan, profile: request.profile, hostInterpreter: hostInterpreter?.executable,
            hostInterpreterVersion: hostInterpreter?.version, cpuCount: ProcessInfo.processInfo.activeProcessorCount)
        // A clock set back would file this run before the history it follows.
        let startedAt = Date()
        try await store.read { [testbed = request.testbed] in
            try ClockBehind.check($0, testbed: testbed, now: startedAt)
        }
        let newRun = NewRun(
            suite: request.plan.name, label: request.label, gitCommit: request.gitCommit,
            configurationJSON: configuration.json, startedAt: startedAt, purpose: request.purpose,
            parentRunID: request.parentRunID, testbed: request.testbed)
        let runID = try await store.beginRun(newRun)
        logger.info("run started", metadata: ["run": "\(runID)", "suite": "\(request.plan.suite.rawValue)"])
        runStarted(runID)
        return try await measure(
            runID: runID, runUUID: newRun.uuid, engine: engine, hostInterpreter: resolved, fingerprint: fingerprint,
            reaped: reaped)
    }

    private func measure(
        runID: Int64, runUUID: UUID, engine: any ContainerEngine,
        hostInterpreter resolved: Result<HostInterpreter, any Error>,
        fingerprint: EnvironmentFingerprint, reaped: Int
    ) async throws -> Outcome {
        let hostInterpreter = try? resolved.get()
        let sandbox = Sandbox(engine: engine, runID: String(runID))
        var results: [SpecResult] = []
        do {
            try await store.recordEnvironment(fingerprint, for: runID)
            if case .failure(let problem) = resolved { progress.warning(problem) }
            let hostLoad = request.hostLoad.flatMap { _ in dependencies.hostLoad(request.profile.engine) }
            if let policy = request.hostLoad, let hostLoad {
                await policy.waitForQuietHost(hostLoad, progress: progress)
            } else if request.hostLoad != nil {
                progress.warning(
                    "the host's foreign load cannot be measured: no engine process on this host serves "
                        + "\(request.profile.engine); busy iterations are not measured again")
            }
            let runner = SuiteRunner(
                plan: request.plan, sandbox: sandbox, profile: request.profile, hostInterpreter: hostInterpreter,
                seccompProfileFile: RunConfiguration.seccompSpecPolicy(for: request.profile),
                cpuCount: ProcessInfo.processInfo.activeProcessorCount,
                progress: progress, logger: logger, interleaving: request.interleaving,
                continuity: dependencies.continuity, hostLoad: hostLoad)
            // Each spec is stored when it ends, between specs: never inside a measured section.
            try await runner.run { result in
                try await store.recordSpec(result, for: runID)
                results.append(result)
            }
            // An engine that hung on a removal in the last spec ends the run as one that hung on a create.
            if let fault = sandbox.ledger.engineFault { throw fault }
        } catch let error where error is CancellationError || Task.isCancelled {
            // Bounded, so that the run is stored as aborted before the command's own limit on
            // the clean-up after a signal ends the process.
            let swept = await sweep(
                sandbox, runID: runID, recorded: results,
                within: min(request.deadlines.call, Self.interruptedSweepLimit))
            let reason =
                "interrupted by \(interruption() ?? "cancellation") after \(results.count) of \(request.plan.specs.count) specs"
                + swept.clause(after: "the interruption")
            try await store.finishRun(runID, status: .aborted, reason: reason)
            throw CancellationError()
        } catch let fault as DockerEngineError where fault.isEngineFault {
            throw await endAfterEngineFault(fault, sandbox: sandbox, runID: runID, results: results)
        } catch {
            if let loss = storeLoss(error, runID: runID) {
                throw await endAfterStoreLoss(
                    loss, sandbox: sandbox, runID: runID, runUUID: runUUID, done: done(results))
            }
            _ = await sweep(sandbox, runID: runID, recorded: results)
            try await store.finishRun(runID, status: .failed, reason: "\(error)")
            throw error
        }

        let swept = await sweep(sandbox, runID: runID, recorded: results)
        let invalid = request.plan.specs.map(\.name.rawValue).filter { name in
            !(results.first { $0.spec == name }?.hasMeasurements ?? false)
        }
        let status: RunStatus = invalid.isEmpty ? .completed : .failed
        let reason = invalid.isEmpty ? nil : "no valid samples from: \(invalid.joined(separator: ", "))"
        do {
            // Nothing is called completed (or failed for its specs' sake) before the store shows
            // that it holds exactly what the run handed over.
            try await readBack(runID: runID, written: results + [swept.result])
            try await store.finishRun(runID, status: status, reason: reason)
        } catch {
            // Its containers are gone already: only the run's end is left to say.
            guard let loss = storeLoss(error, runID: runID) else { throw error }
            throw await endAfterStoreLoss(
                loss, sandbox: nil, runID: runID, runUUID: runUUID, done: done(results))
        }
        logger.info("run finished", metadata: ["run": "\(runID)", "status": "\(status.rawValue)"])
        return Outcome(
            runID: runID, status: status, reason: reason, results: results, invalidSpecs: invalid,
            leftoverContainers: swept.found, reapedContainers: reaped)
    }

    /// "after 3 of 13 specs".
    func done(_ results: [SpecResult]) -> String {
        "after \(results.count) of \(request.plan.specs.count) specs"
    }

    /// Reads back, in one snapshot, what the store holds of the run, and compares it with what
    /// was `written`: the samples of each spec and metric, summaries, failures, checks, notes and
    /// containers. A difference stores the run as failed, with the reason, and throws `RunNotKept`.
    private func readBack(runID: Int64, written: [SpecResult]) async throws {
        let handedOver = RunReadback(handedOver: written)
        let kept = try await store.read { try RunReadback(stored: $0, run: runID) }
        let differences = handedOver.differences(from: kept)
        guard !differences.isEmpty else { return }
        var notKept = RunNotKept(
            runID: runID, store: store.displayName, differences: differences, storedAsFailed: false)
        do {
            try await store.finishRun(runID, status: .failed, reason: notKept.reason)
            notKept.storedAsFailed = true
        } catch {
            // The error the run ends with says so; the log keeps why.
            logger.notice("could not store the failed run", metadata: ["run": "\(runID)", "error": "\(error)"])
        }
        throw notKept
    }

    /// Makes sure the image is on the engine, pulling it (with progress) when it is missing. The
    /// default image is built locally from Debian packages and exists in no registry: it is never pulled.
    private func ensureImage(_ engine: any ContainerEngine) async throws {
        do {
            _ = try await engine.inspectImage(request.profile.image)
        } catch DockerEngineError.imageNotFound where request.profile.image != SandboxProfile.defaultImage {
            progress.message("The image \(request.profile.image) is missing; pulling it.")
            let progress = self.progress
            do {
                try await engine.pullImage(request.profile.image) { event in
                    if let status = event.status {
                        progress.message(
                            "pull: \([event.id, status, event.progress].compactMap { $0 }.joined(separator: " "))")
                    }
                }
            } catch let error as DockerEngineError {
                if case .pullFailed = error { throw DockerEngineError.imageNotFound(request.profile.image) }
                throw error
            }
        }
    }

    /// Removes containers and volumes whose creating process is gone: what runs (or `doctor`s)
    /// that died left behind. Those of live processes are not touched.
    private func reapDeadRuns(_ engine: any ContainerEngine) async throws -> Int {
        let report = try await SandboxReaper(engine: engine).reapOrphans()
        for (id, reason) in report.failed {
            progress.warning("container \(id.prefix(12)) left by a dead run could not be removed: \(reason)")
        }
        for (name, reason) in report.failedVolumes {
            progress.warning("volume \(name.prefix(12)) left by a dead run could not be removed: \(reason)")
        }
        if !report.removed.isEmpty || !report.removedVolumes.isEmpty {
            progress.message(
                "Removed \(report.removed.count) containers and \(report.removedVolumes.count) volumes left behind by runs that died."
            )
            logger.notice(
                "reaped leftovers",
                metadata: ["containers": "\(report.removed.count)", "volumes": "\(report.removedVolumes.count)"])
        }
        return report.removed.count
    }
}

extension SpecResult {
    /// True when the spec measured the sandbox: a count of its own failures, or the host
    /// interpreter's side of a comparison, alone is not a measurement of the sandbox.
    var hasMeasurements: Bool {
        samples.contains { $0.metric.declaration.role == .measurement }
    }
}
