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
    /// The run's foreign load: the mean of its specs' kept iterations (``HostLoadMetrics``).
    package let foreignCPU = Metric(
        "run.host.foreign_cpu", .ratio, .smallerIsBetter,
        meaning: "cores the host spent on other work during the run's kept iterations, on average",
        role: .hostLoad)
    /// The run's steal: the mean of its specs' kept iterations.
    package let steal = Metric(
        "run.host.steal", .ratio, .smallerIsBetter,
        meaning: "cores the hypervisor took from the machine during the run's kept iterations, on average",
        role: .hostLoad)
    /// Specs measured on a busy host (``HostLoad/isBusy(_:)``): above 0, the run is marked busy.
    package let busySpecs = Metric(
        "run.host.busy_specs", .count, .smallerIsBetter,
        meaning: "specs measured while the host was busy with other work even after re-measuring",
        role: .hostLoad)
}
