/// What the security spec records (`SecuritySpec`).
package struct SecurityMetrics: MetricGroup {
    package let violations = Metric(
        "security.violations", .count, .smallerIsBetter,
        meaning: "isolation properties the probe from inside a sandbox found broken")
    /// One sample per iteration: 1 held, 0 not held; none when the property could not be verified
    /// here. A ratio, so that larger is better and a loss is a worsening.
    package let holds = MetricFamily<IsolationProperty>("security.holds.<property>") { name, property in
        Metric(
            name, .ratio, .largerIsBetter, meaning: "1 when the sandbox holds \"\(property.title)\", else 0",
            ceiling: Metric.Ceiling(limit: 1, tolerance: 0, reason: "1 means held, 0 not held"), isWhole: true)
    }
    package let propertiesHeld = Metric(
        "security.properties_held", .ratio, .largerIsBetter,
        meaning: "how many properties of the isolation standard the sandbox holds",
        ceiling: Metric.Ceiling(
            limit: Double(IsolationProperty.allCases.count), tolerance: 0,
            reason: "the isolation standard has \(IsolationProperty.allCases.count) properties"),
        derivation: .countOfOnes(family: "security.holds.<property>"), isWhole: true)
    /// Where the engine reports it: runc's cgroup, and gVisor's (its Sentry and gofer included).
    package let memory = Metric(
        "security.memory_kib_count", .count, .smallerIsBetter,
        meaning: "KiB one idle sandbox holds after the isolation probe ran in it, as the engine's stats report "
            + "(its usage less the inactive file cache); not recorded where the engine reports none")
}

extension IsolationProperty: MetricParameter {}

/// What every run records itself, whatever its plan: the `run` spec of its final sweep.
package struct RunMetrics: MetricGroup {
    /// The spec name of the run's own metrics.
    package static let spec = "run"

    package let leftoverContainers = Metric(
        "run.leftover_containers", .count, .smallerIsBetter,
        meaning: "containers of the run still on the engine after it ended", role: .failureCount)
    /// The run's foreign load: the mean of its specs' kept iterations (``HostLoadMetrics``).
    package let foreignCPU = Metric(
        "run.host.foreign_cpu_pct", .percentage, .smallerIsBetter,
        meaning: "CPU the host spent on other work during the run's kept iterations, on average, in % of one core",
        role: .hostLoad)
    /// The run's steal: the mean of its specs' kept iterations.
    package let steal = Metric(
        "run.host.steal_pct", .percentage, .smallerIsBetter,
        meaning:
            "CPU the hypervisor took from the machine during the run's kept iterations, on average, in % of one core",
        role: .hostLoad)
    /// The run's I/O wait: the mean of its specs' kept iterations.
    package let ioWait = Metric(
        "run.host.io_wait_pct", .percentage, .smallerIsBetter,
        meaning:
            "share of the run's kept iterations during which some task of the host waited for I/O, on average, in %",
        role: .hostLoad)
    /// Specs measured on a busy host (``HostLoad/SpecLoad/isBusy``): above 0, the run is marked busy.
    package let busySpecs = Metric(
        "run.host.busy_spec_count", .count, .smallerIsBetter,
        meaning: "specs measured while the host was busy with other work even after re-measuring",
        role: .hostLoad)
}
