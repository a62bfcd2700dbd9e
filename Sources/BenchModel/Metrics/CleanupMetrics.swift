/// What the cleanup spec records (`CleanupSpec`).
package struct CleanupMetrics: MetricGroup {
    package let remove = Metric(
        "cleanup.remove_s", .time, .smallerIsBetter, meaning: "the removal of one container after its code ran",
        phases: [.remove])
    package let failures = Metric(
        "cleanup.failures", .count, .smallerIsBetter, meaning: "containers whose removal failed", role: .failureCount)
}

/// What the cleanup_all spec records (`CleanupAllSpec`).
package struct CleanupAllMetrics: MetricGroup {
    package let wall = Metric(
        "cleanup_all.wall_s", .time, .smallerIsBetter,
        meaning: "the removal of 5 live (created, started, running) containers together, wall time")
    package let failures = Metric(
        "cleanup_all.failures", .count, .smallerIsBetter, meaning: "live containers whose removal failed",
        role: .failureCount)
}
