import BenchModel
import Sandbox

/// The removal latency of each container (the seed never timed one), and failed removals counted.
enum CleanupSpec {
    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        var failedRemovals = 0
        try await context.iterate(.cleanup) { iteration in
            let lifecycle = try await context.lifecycle(
                .simple, spec: .cleanup, iteration: iteration, metric: "cleanup.remove_s", recorder: recorder)
            guard iteration >= 0 else { return }
            if !lifecycle.result.removal.removed {
                failedRemovals += 1
            } else if lifecycle.isValid {
                recorder.record("cleanup.remove_s", iteration: iteration, value: lifecycle.result.removal.seconds)
            }
        }
        recorder.record(.cleanupFailures, iteration: 0, value: Double(failedRemovals))
        let latencies = recorder.values(of: "cleanup.remove_s")
        let slowest = latencies.max()
        recorder.check(
            "each removal < 1 s", passed: slowest.map { $0 < 1 } ?? false,
            detail: slowest.map { "slowest of \(latencies.count): \(SpecRecorder.format($0, "s"))" } ?? "no valid samples",
            metric: "cleanup.remove_s")
        recorder.check(
            "0 cleanup failures", passed: failedRemovals == 0, detail: "\(failedRemovals) failed removals", metric: .cleanupFailures)
    }
}

/// Five live containers — created, started, still running — removed together; the seed's
/// version ran on zero live containers.
enum CleanupAllSpec {
    static let containers = 5

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.cleanupAll) { iteration in
            let (measurement, finalRemovals) = try await context.sandbox.withLiveContainers(
                count: containers, code: CodeSample.idle.source, profile: context.profile, spec: SpecName.cleanupAll.rawValue
            ) { live in
                let running = try await SandboxReaper(engine: context.sandbox.engine).containers(ofRun: context.sandbox.runID, createdBy: context.sandbox.creator)
                    .filter { $0.state == "running" && live.map(\.id).contains($0.id) }
                let start = ContinuousClock.now
                let outcomes = await withTaskGroup(of: (LiveContainer, ContainerRemoval.Outcome).self) { group in
                    for container in live {
                        group.addTask { (container, await ContainerRemoval.remove(container.name, engine: context.sandbox.engine)) }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                return (wall: (ContinuousClock.now - start).seconds, running: running.count, outcomes: outcomes)
            }
            for (container, outcome) in measurement.outcomes {
                let final = finalRemovals[container.name] ?? outcome
                recorder.container(ContainerRecord(
                    id: container.id, iteration: iteration, removed: outcome.removed || final.removed,
                    removalError: outcome.removed ? nil : outcome.error))
            }
            let failures = measurement.outcomes.filter { !$0.1.removed }
            for (container, outcome) in failures {
                recorder.fail("cleanup_all.wall_s", iteration: iteration, reason: "removing live container \(container.id.prefix(12)) failed: \(outcome.error ?? "unknown")")
            }
            guard iteration >= 0 else { return }
            recorder.record("cleanup_all.failures", iteration: iteration, value: Double(failures.count))
            guard measurement.running == containers else {
                recorder.fail("cleanup_all.wall_s", iteration: iteration, reason: "only \(measurement.running) of \(containers) containers were running when removal began")
                return
            }
            if failures.isEmpty {
                recorder.record("cleanup_all.wall_s", iteration: iteration, value: measurement.wall)
            }
        }
        let walls = recorder.values(of: "cleanup_all.wall_s")
        recorder.check(
            "removing 5 live containers < 5 s", passed: !walls.isEmpty && walls.max()! < 5,
            detail: walls.isEmpty ? "no valid samples" : "slowest of \(walls.count): \(SpecRecorder.format(walls.max()!, "s"))",
            metric: "cleanup_all.wall_s")
    }
}
