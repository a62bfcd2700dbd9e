/// What the host did besides the measurement while a spec measured (`<spec>.host.foreign_cpu_pct`,
/// `<spec>.host.steal_pct`, one sample per kept iteration, in % of one core as `top` counts it;
/// `<spec>.host.io_wait_pct`, in % of the iteration, where the kernel reports its I/O pressure) and
/// over the whole run (`run.host.*`,
/// recorded with the run's own metrics). A figure of the host, not of the sandbox: no rule
/// watches it by default, and it tells whether a run's timings can be compared at all.
package struct HostLoadMetrics: MetricGroup {
    package let foreignCPU = MetricFamily<SpecName>("<spec>.host.foreign_cpu_pct") { name, _ in
        Metric(
            name, .percentage, .smallerIsBetter,
            meaning: "CPU the host spent on work other than the measurement during an iteration, in % of one core",
            role: .hostLoad)
    }
    package let steal = MetricFamily<SpecName>("<spec>.host.steal_pct") { name, _ in
        Metric(
            name, .percentage, .smallerIsBetter,
            meaning: "CPU the hypervisor took from the machine (steal) during an iteration, in % of one core",
            role: .hostLoad)
    }

    package let ioWait = MetricFamily<SpecName>("<spec>.host.io_wait_pct") { name, _ in
        Metric(
            name, .percentage, .smallerIsBetter,
            meaning:
                "share of an iteration during which some task of the host waited for I/O (the kernel's I/O pressure), in %",
            role: .hostLoad)
    }

    /// The foreign-load metric of `spec`, when the catalogue declares one for it.
    package func foreignCPU(ofSpec spec: String) -> Metric? {
        SpecName(rawValue: spec).map(foreignCPU.callAsFunction)
    }

    /// The I/O-wait metric of `spec`, when the catalogue declares one for it.
    package func ioWait(ofSpec spec: String) -> Metric? {
        SpecName(rawValue: spec).map(ioWait.callAsFunction)
    }

    /// The host load of `spec` from its stored samples (``HostLoad/SpecLoad``); nil when the spec
    /// did not measure its host load. `samples` gives a metric's samples.
    package func load(ofSpec spec: String, _ samples: (MetricID) throws -> [Sample]) rethrows -> HostLoad.SpecLoad? {
        guard let foreign = foreignCPU(ofSpec: spec) else { return nil }
        let ioWait = try ioWait(ofSpec: spec).map { try samples($0.id) } ?? []
        return HostLoad.SpecLoad(foreignPercents: try samples(foreign.id), ioWaitPercents: ioWait)
    }

    /// The steal metric of `spec`, when the catalogue declares one for it.
    package func steal(ofSpec spec: String) -> Metric? {
        SpecName(rawValue: spec).map(steal.callAsFunction)
    }
}
