import BenchModel
import EngineInterface

/// Five sandboxes at once (a task group) versus the same five one after another. Speedup is
/// sequential wall time over parallel wall time; efficiency is speedup / 5.
enum ParallelSpec {
    static let containers = ParallelBatch.containers
    static let metrics = Metric.parallel

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.parallel) { iteration in
            var parallelWall: Double?
            var sequentialWall: Double?
            // Alternate which mode goes first, so that neither always meets a warmer machine.
            for parallelMode in iteration % 2 == 0 ? [true, false] : [false, true] {
                let stopwatch = Stopwatch(context.clock)
                let valid: Int
                if parallelMode {
                    valid = try await withThrowingTaskGroup(of: Bool.self) { group in
                        for _ in 0..<containers {
                            group.addTask {
                                try await context.lifecycle(
                                    .simple, spec: .parallel, iteration: iteration, metric: nil, recorder: recorder
                                ).isValid
                            }
                        }
                        return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                    }
                } else {
                    var count = 0
                    for _ in 0..<containers {
                        if try await context.lifecycle(
                            .simple, spec: .parallel, iteration: iteration, metric: nil, recorder: recorder
                        ).isValid {
                            count += 1
                        }
                    }
                    valid = count
                }
                let wall = stopwatch.seconds
                let mode = parallelMode ? "parallel" : "sequential"
                guard valid == containers else {
                    recorder.fail(
                        parallelMode ? metrics.parallelWall : metrics.sequentialWall, iteration: iteration,
                        reason: "\(containers - valid) of \(containers) \(mode) sandboxes failed; all must succeed")
                    continue
                }
                if parallelMode { parallelWall = wall } else { sequentialWall = wall }
            }
            guard iteration >= 0, let parallelWall, let sequentialWall else { return }
            let speedup = sequentialWall / parallelWall
            recorder.record(metrics.parallelWall, iteration: iteration, value: parallelWall)
            recorder.record(metrics.sequentialWall, iteration: iteration, value: sequentialWall)
            recorder.record(metrics.speedup, iteration: iteration, value: speedup)
            recorder.record(metrics.efficiency, iteration: iteration, value: speedup / Double(containers))
        }
        let fewerCores = context.cpuCount < containers
        if fewerCores {
            recorder.note(
                "This host has \(context.cpuCount) CPU cores for \(containers) simultaneous containers. Starting a "
                    + "container is CPU work in the daemon, runc and the kernel, so parallel efficiency cannot approach "
                    + "100 % here (expect about \(context.cpuCount)/\(containers) or less), and the default 50 % "
                    + "efficiency floor is expected to fire unless a floor that suits this host is set.")
        }
        let speedups = recorder.values(of: metrics.speedup)
        guard !speedups.isEmpty else {
            recorder.check(
                "parallel speedup ≥ 2.0", passed: false, informational: fewerCores, detail: "no valid samples",
                metric: metrics.speedup)
            return
        }
        let median = Statistics.median(speedups)
        recorder.check(
            "parallel speedup ≥ 2.0", passed: median >= 2.0, informational: fewerCores,
            detail: String(
                format: "median speedup %.2f× (efficiency %.0f %%) on %d CPU cores", median,
                median / Double(containers) * 100, context.cpuCount)
                + (fewerCores ? "; informational: fewer cores than containers" : ""),
            metric: metrics.speedup)
    }
}
