/// What the security spec records (`SecuritySpec`).
package struct SecurityMetrics: MetricGroup {
    package let violations = Metric(
        "security.violations", .count, .smallerIsBetter,
        meaning: "isolation properties the probe from inside a sandbox found broken")
}

/// What every run records itself, whatever its plan: the `run` spec of its final sweep.
package struct RunMetrics: MetricGroup {
    /// The spec name of the run's own metrics.
    package static let spec = "run"

    package let leftoverContainers = Metric(
        "run.leftover_containers", .count, .smallerIsBetter,
        meaning: "containers of the run still on the engine after it ended", role: .failureCount)
}
