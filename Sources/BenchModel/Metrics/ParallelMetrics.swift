/// The original pytest suite's batch size: the parallel spec runs 5 sandboxes at once (efficiency = speedup / 5),
/// and cleanup_all removes 5 live containers.
package enum ParallelBatch {
    package static let containers = 5
}

/// What the parallel spec records (`ParallelSpec`).
package struct ParallelMetrics: MetricGroup {
    package let parallelWall = Metric(
        "parallel.parallel_wall_s", .time, .smallerIsBetter, meaning: "5 sandbox lifecycles at once, wall time")
    package let sequentialWall = Metric(
        "parallel.sequential_wall_s", .time, .smallerIsBetter,
        meaning: "the same 5 lifecycles one after another, wall time")
    /// Two walls of the same iteration, a few seconds apart: 10 % for noise.
    package let speedup = Metric(
        "parallel.speedup", .ratio, .largerIsBetter, meaning: "sequential wall time over parallel wall time",
        ceiling: Metric.Ceiling(
            limit: Double(ParallelBatch.containers), tolerance: 0.1, reason: Metric.Ceiling.atOnce),
        derivation: .quotient(
            MetricID("parallel.sequential_wall_s"), over: MetricID("parallel.parallel_wall_s"), times: 1))
    /// The second default rule watches it.
    package let efficiency = Metric(
        "parallel.efficiency", .ratio, .largerIsBetter, meaning: "speedup / 5: 1 when 5 at once take as long as one",
        ceiling: Metric.Ceiling(limit: 1, tolerance: 0.1, reason: Metric.Ceiling.atOnce),
        derivation: .quotient(
            MetricID("parallel.sequential_wall_s"), over: MetricID("parallel.parallel_wall_s"),
            times: 1 / Double(ParallelBatch.containers)))
}
