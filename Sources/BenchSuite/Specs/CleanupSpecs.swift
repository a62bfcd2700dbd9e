import BenchModel
import EngineInterface
import Sandbox

/// The removal latency of each container (the original pytest suite never timed one), and failed removals counted.
enum CleanupSpec {
    static let metrics = Metric.cleanup

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        // By iteration, so that an iteration taken again (see `SpecContext.iterate`) counts once;
        // a removal that failed in a discarded attempt still counts: the container was not removed.
        var failed: Set<Int> = []
        try await context.iterate(.cleanup) { iteration in
            let lifecycle = try await context.lifecycle(
                .simple, spec: .cleanup, iteration: iteration, metric: metrics.remove, recorder: recorder)
            guard iteration >= 0 else { return }
            if !lifecycle.result.removal.removed {
                failed.insert(iteration)
            } else if lifecycle.isValid {
                recorder.record(metrics.remove, iteration: iteration, value: lifecycle.result.removal.seconds)
            }
        }
        let failedRemovals = failed.count
        recorder.record(metrics.failures, iteration: 0, value: Double(failedRemovals))
        let latencies = recorder.values(of: metrics.remove)
        let slowest = latencies.max()
        recorder.check(
            "each removal < 1 s", passed: slowest.map { $0 < 1 } ?? false,
            detail: slowest.map { "slowest of \(latencies.count): \(MetricUnit.seconds.format($0))" }
                ?? "no valid samples",
            metric: metrics.remove)
        recorder.check(
            "0 cleanup failures", passed: failedRemovals == 0, detail: "\(failedRemovals) failed removals",
            metric: metrics.failures)
    }
}

/// Five live containers — created, started, still running — removed together; the original pytest suite's
/// version ran on zero live containers.
enum CleanupAllSpec {
    static let containers = ParallelBatch.containers
    static let metrics = Metric.cleanupAll

    /// One removal of the live containers: wall time, how many were running when it began, and each outcome.
    struct Batch: Sendable {
        var wall: Double
        var running: Int
        var outcomes: [(container: LiveContainer, removal: ContainerRemoval.Outcome)]
    }

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.cleanupAll) { iteration in
            let batch: Batch
            let finalRemovals: [String: ContainerRemoval.Outcome]
            do {
                (batch, finalRemovals) = try await removeLiveContainers(context)
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as DockerEngineError where error.isEngineFault {
                throw error
            } catch {
                recorder.fail(
                    metrics.wall, iteration: iteration, reason: "the live containers could not be set up: \(error)")
                return
            }
            for (container, removal) in batch.outcomes {
                let final = finalRemovals[container.name] ?? removal
                recorder.container(
                    ContainerRecord(
                        id: container.id, iteration: iteration, removed: removal.removed || final.removed,
                        removalError: removal.removed ? nil : removal.error))
            }
            let failures = batch.outcomes.filter { !$0.removal.removed }
            for (container, removal) in failures {
                recorder.fail(
                    metrics.wall, iteration: iteration,
                    reason: "removing live container \(container.id.prefix(12)) failed: \(removal.error ?? "unknown")")
            }
            guard iteration >= 0 else { return }
            recorder.record(metrics.failures, iteration: iteration, value: Double(failures.count))
            guard batch.running == containers else {
                recorder.fail(
                    metrics.wall, iteration: iteration,
                    reason: "only \(batch.running) of \(containers) containers were running when removal began")
                return
            }
            if failures.isEmpty {
                recorder.record(metrics.wall, iteration: iteration, value: batch.wall)
            }
        }
        let walls = recorder.values(of: metrics.wall)
        recorder.check(
            "removing 5 live containers < 5 s", passed: !walls.isEmpty && walls.max()! < 5,
            detail: walls.isEmpty
                ? "no valid samples" : "slowest of \(walls.count): \(MetricUnit.seconds.format(walls.max()!))",
            metric: metrics.wall)
    }

    /// Starts the containers, checks they run, and removes them all at once, timed.
    static func removeLiveContainers(_ context: SpecContext) async throws -> (Batch, [String: ContainerRemoval.Outcome])
    {
        let sandbox = context.sandbox
        return try await sandbox.withLiveContainers(
            count: containers, code: CodeSample.idle.source, profile: context.profile,
            spec: SpecName.cleanupAll.rawValue
        ) { live in
            let running = try await SandboxReaper(engine: sandbox.engine)
                .containers(ofRun: sandbox.runID, createdBy: sandbox.creator)
                .filter { $0.state == "running" && live.map(\.id).contains($0.id) }
            let stopwatch = Stopwatch(sandbox.clock)
            let outcomes = await withTaskGroup(of: (LiveContainer, ContainerRemoval.Outcome).self) { group in
                for container in live {
                    group.addTask { (container, await sandbox.remove(container.name)) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            return Batch(
                wall: stopwatch.seconds, running: running.count,
                outcomes: outcomes.map { ($0.0, $0.1) })
        }
    }
}
