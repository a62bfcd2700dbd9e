import BenchModel
import EngineInterface

/// Efficiency at 1, 2, 5 and 10 simultaneous sandboxes: how the parallel figure bends with load.
/// Efficiency at N is T1 / TN (the median wall time of one sandbox alone over the wall time of N
/// at once), so speedup at N is N × efficiency.
enum ScalingSpec {
    static let metrics = Metric.scaling
    static let levels = ScalingMetrics.Level.allCases

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        var walls: [ScalingMetrics.Level: [Int: Double]] = [:]
        try await context.iterate(.scaling) { iteration in
            // An iteration taken again (see `SpecContext.iterate`) keeps only its last figures.
            for level in levels { walls[level]?[iteration] = nil }
            // Ascending, then descending, alternately: each level meets both a fresh and a loaded machine.
            for level in iteration % 2 == 0 ? levels : levels.reversed() {
                let n = level.rawValue
                let stopwatch = Stopwatch(context.clock)
                let valid = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<n {
                        group.addTask {
                            try await context.lifecycle(
                                .simple, spec: .scaling, iteration: iteration, metric: nil, recorder: recorder
                            ).isValid
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                let wall = stopwatch.seconds
                let metric = metrics.wall(level)
                guard valid == n else {
                    recorder.fail(
                        metric, iteration: iteration,
                        reason: "\(n - valid) of \(n) simultaneous sandboxes failed; all must succeed")
                    continue
                }
                guard iteration >= 0 else { continue }
                recorder.record(metric, iteration: iteration, value: wall)
                walls[level, default: [:]][iteration] = wall
            }
        }
        guard let singles = walls[.n1], !singles.isEmpty else { return }
        let t1 = Statistics.median(Array(singles.values))
        for level in levels {
            for (iteration, wall) in (walls[level] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let efficiency = t1 / wall
                recorder.record(metrics.efficiency(level), iteration: iteration, value: efficiency)
                recorder.record(
                    metrics.speedup(level), iteration: iteration, value: efficiency * Double(level.rawValue))
            }
        }
        if let most = levels.map(\.rawValue).max(), context.cpuCount < most {
            recorder.note(
                "This host has \(context.cpuCount) CPU cores; beyond \(context.cpuCount) simultaneous sandboxes, efficiency falls roughly as cores / sandboxes."
            )
        }
    }
}
