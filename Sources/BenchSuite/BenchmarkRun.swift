import BenchModel
import DockerEngine
import Foundation
import Logging
import ResultsStore
import Sandbox

/// One stored suite run, from start to its final status: the run is inserted as `running`,
/// leftovers of dead runs are reaped, the environment is recorded, each spec is stored as it
/// ends, the run's own containers are swept, and the run is closed as `completed`, `failed`
/// (with the reason) or `aborted` (with what was measured before the interruption).
public struct BenchmarkRun: Sendable {
    public struct Request: Sendable {
        public var plan: SuitePlan
        public var profile: SandboxProfile
        public var host: DockerHost
        public var label: String?
        public var gitCommit: String?
        public var hostPython: String
        /// The seccomp spec's profile-file case; the original project's profile unless the user names one.
        public var seccompProfileFile: SeccompPolicy
        public var purpose: RunPurpose
        public var parentRunID: Int64?

        public init(
            plan: SuitePlan, profile: SandboxProfile, host: DockerHost, label: String? = nil, gitCommit: String? = nil,
            hostPython: String = "python3", seccompProfileFile: SeccompPolicy? = nil, purpose: RunPurpose = .main,
            parentRunID: Int64? = nil
        ) {
            self.plan = plan
            self.profile = profile
            self.host = host
            self.label = label
            self.gitCommit = gitCommit
            self.hostPython = hostPython
            self.seccompProfileFile = seccompProfileFile ?? OriginalSeccompProfile.policy
            self.purpose = purpose
            self.parentRunID = parentRunID
        }
    }

    public struct Outcome: Sendable {
        public var runID: Int64
        public var status: RunStatus
        public var reason: String?
        public var results: [SpecResult]
        /// Planned specs that produced no valid sample.
        public var invalidSpecs: [String]
        /// Containers of this run still on the engine after its specs ended.
        public var leftoverContainers: Int
        /// Containers of earlier, dead runs that were removed before this run started.
        public var reapedContainers: Int
    }

    public var request: Request
    public var database: ResultsDatabase
    public var progress: any RunProgress
    public var logger: Logger
    /// Names the interruption when the run is cancelled ("SIGINT").
    public var interruption: @Sendable () -> String?

    public init(
        request: Request, database: ResultsDatabase, progress: any RunProgress, logger: Logger,
        interruption: @escaping @Sendable () -> String? = { nil }
    ) {
        self.request = request
        self.database = database
        self.progress = progress
        self.logger = logger
        self.interruption = interruption
    }

    /// Runs the suite. Throws the engine's error (after storing the run as `failed`) when the
    /// engine or the image is unusable, `CancellationError` (after storing it as `aborted`) when
    /// interrupted, and ``SuiteFailure`` (after storing it as `failed`) when a spec produced no
    /// valid sample.
    public func execute() async throws -> Outcome {
        let hostInterpreter = try? await HostInterpreter.resolve(request.hostPython)
        let configuration = RunConfiguration(
            plan: request.plan, profile: .init(request.profile), hostInterpreter: hostInterpreter?.executable,
            hostInterpreterVersion: hostInterpreter?.version, seccompSpecProfile: request.seccompProfileFile.fingerprint,
            cpuCount: ProcessInfo.processInfo.activeProcessorCount)
        let runID = try database.beginRun(
            NewRun(
                suite: request.plan.suite.rawValue, label: request.label, gitCommit: request.gitCommit,
                configurationJSON: configuration.json, purpose: request.purpose, parentRunID: request.parentRunID))
        logger.info("run started", metadata: ["run": "\(runID)", "suite": "\(request.plan.suite.rawValue)"])

        let engine: DockerEngine
        do {
            engine = try await DockerEngine.connect(host: request.host, logger: logger)
        } catch {
            try database.finishRun(runID, status: .failed, reason: "\(error)")
            throw error
        }
        do {
            let outcome = try await measure(runID: runID, engine: engine, hostInterpreter: hostInterpreter)
            try? await engine.shutdown()
            return outcome
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    private func measure(runID: Int64, engine: DockerEngine, hostInterpreter: HostInterpreter?) async throws -> Outcome {
        let sandbox = Sandbox(engine: engine, runID: String(runID))
        var results: [SpecResult] = []
        var reaped = 0
        do {
            try await ensureImage(engine)
            reaped = try await reapDeadRuns(engine)
            try database.recordEnvironment(try await EnvironmentProbe.fingerprint(engine: engine, profile: request.profile), for: runID)
            if hostInterpreter == nil {
                progress.message("warning: no host interpreter \(request.hostPython) could be resolved; direct baselines are not measurable")
            }
            let runner = SuiteRunner(
                plan: request.plan, sandbox: sandbox, profile: request.profile, hostInterpreter: hostInterpreter,
                seccompProfileFile: request.seccompProfileFile, cpuCount: ProcessInfo.processInfo.activeProcessorCount,
                progress: progress, logger: logger)
            try await runner.run { result in
                try database.recordSpec(result, for: runID)
                results.append(result)
            }
        } catch is CancellationError {
            let leftovers = await sweep(sandbox, runID: runID)
            let reason = "interrupted by \(interruption() ?? "cancellation") after \(results.count) of \(request.plan.specs.count) specs"
                + (leftovers > 0 ? "; \(leftovers) containers had to be removed after the interruption" : "")
            try database.finishRun(runID, status: .aborted, reason: reason)
            throw CancellationError()
        } catch {
            _ = await sweep(sandbox, runID: runID)
            try database.finishRun(runID, status: .failed, reason: "\(error)")
            throw error
        }

        let leftovers = await sweep(sandbox, runID: runID)
        let invalid = request.plan.specs.map(\.name.rawValue).filter { name in
            !(results.first { $0.spec == name }?.hasMeasurements ?? false)
        }
        let status: RunStatus = invalid.isEmpty ? .completed : .failed
        let reason = invalid.isEmpty ? nil : "no valid samples from: \(invalid.joined(separator: ", "))"
        try database.finishRun(runID, status: status, reason: reason)
        logger.info("run finished", metadata: ["run": "\(runID)", "status": "\(status.rawValue)"])
        return Outcome(
            runID: runID, status: status, reason: reason, results: results, invalidSpecs: invalid,
            leftoverContainers: leftovers, reapedContainers: reaped)
    }

    /// Makes sure the image is on the engine, pulling it (with progress) when it is missing. The
    /// default image is built locally from Debian packages and exists in no registry: it is never pulled.
    private func ensureImage(_ engine: DockerEngine) async throws {
        do {
            _ = try await engine.inspectImage(request.profile.image)
        } catch DockerEngineError.imageNotFound where request.profile.image != SandboxProfile.defaultImage {
            progress.message("The image \(request.profile.image) is missing; pulling it.")
            let progress = self.progress
            do {
                try await engine.pullImage(request.profile.image) { event in
                    if let status = event.status { progress.message("pull: \([event.id, status, event.progress].compactMap { $0 }.joined(separator: " "))") }
                }
            } catch let error as DockerEngineError {
                if case .pullFailed = error { throw DockerEngineError.imageNotFound(request.profile.image) }
                throw error
            }
        }
    }

    /// Removes containers whose creating process is gone: what runs (or `doctor`s) that died left
    /// behind. Containers of live processes are not touched.
    private func reapDeadRuns(_ engine: DockerEngine) async throws -> Int {
        let report = try await SandboxReaper(engine: engine).reapOrphans()
        for (id, reason) in report.failed {
            progress.message("warning: container \(id.prefix(12)) left by a dead run could not be removed: \(reason)")
        }
        if !report.removed.isEmpty {
            progress.message("Removed \(report.removed.count) containers left behind by runs that died.")
            logger.notice("reaped leftover containers", metadata: ["count": "\(report.removed.count)"])
        }
        return report.removed.count
    }

    /// Removes what is left of this run's containers and records how many there were as
    /// `run.leftover_containers`. Runs in a task of its own: it must happen even when the run was cancelled.
    private func sweep(_ sandbox: Sandbox, runID: Int64) async -> Int {
        let database = self.database
        let logger = self.logger
        return await Task {
            let reaper = SandboxReaper(engine: sandbox.engine)
            guard let left = try? await reaper.containers(ofRun: sandbox.runID, createdBy: sandbox.creator) else {
                logger.warning("could not list the run's containers after the run; they will be reaped by the next run")
                return 0
            }
            var result = SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: Double(left.count))])
            for container in left {
                let outcome = await ContainerRemoval.remove(container.id, engine: sandbox.engine)
                result.containers.append(ContainerRecord(id: container.id, iteration: 0, removed: outcome.removed, removalError: outcome.error))
                result.failures.append(SampleFailure(
                    metric: .leftoverContainers, iteration: 0,
                    reason: "container \(container.id.prefix(12)) (\(container.labels?[SandboxLabel.spec] ?? "unknown spec")) was still on the engine after the run" + (outcome.removed ? "; removed by the final sweep" : "; the final sweep could not remove it either: \(outcome.error ?? "")")))
            }
            do {
                try database.recordSpec(result, for: runID)
            } catch {
                logger.error("could not store the final container sweep: \(error)")
            }
            return left.count
        }.value
    }
}

/// A spec produced no valid sample: the run is stored as `failed` and the command exits 4.
public struct SuiteFailure: CategorizedError {
    public var runID: Int64
    public var specs: [String]

    public init(runID: Int64, specs: [String]) {
        self.runID = runID
        self.specs = specs
    }

    public var kind: FailureKind { .suiteFailure }

    public var description: String {
        "Run \(runID) failed: no valid samples from \(specs.joined(separator: ", ")); `sandbox-bench runs show \(runID)` lists each failure with the container's output."
    }
}

/// The seccomp profile the original project confined its sandbox with, embedded in the binary.
public enum OriginalSeccompProfile {
    public static let path = "(built in: the original project's seccomp_profile.json)"
    public static var json: String { String(decoding: PackageResources.seccomp_profile_json, as: UTF8.self) }
    public static var policy: SeccompPolicy { .profile(path: path, json: json) }
}

extension SpecResult {
    /// True when the spec measured something: a count of its own failures alone is not a measurement.
    var hasMeasurements: Bool {
        samples.contains { $0.metric.quantity != "failures" }
    }
}
