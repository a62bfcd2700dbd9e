import BenchModel

/// The run's host-load figures (``RunMetrics``), made from its specs' kept iterations: the mean
/// foreign load, steal and I/O wait over every kept iteration (% of one core; % of the time), and
/// how many specs were busy (``HostLoad/SpecLoad/isBusy``). Nothing when no spec measured its host
/// load.
package enum HostLoadSummary {
    package static func samples(of results: [SpecResult]) -> [Sample] {
        var foreign: [Double] = []
        var steal: [Double] = []
        var ioWait: [Double] = []
        var busySpecs = 0
        for result in results {
            guard let load = load(of: result), let metric = Metric.hostLoad.foreignCPU(ofSpec: result.spec) else {
                continue
            }
            foreign += result.values(of: metric.id)
            if load.isBusy { busySpecs += 1 }
            if let stealMetric = Metric.hostLoad.steal(ofSpec: result.spec) {
                steal += result.values(of: stealMetric.id)
            }
            if let ioWaitMetric = Metric.hostLoad.ioWait(ofSpec: result.spec) {
                ioWait += result.values(of: ioWaitMetric.id)
            }
        }
        guard !foreign.isEmpty else { return [] }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }
        var samples = [
            Sample(metric: Metric.run.foreignCPU.id, iteration: 0, value: mean(foreign)),
            Sample(metric: Metric.run.steal.id, iteration: 0, value: mean(steal)),
        ]
        // Where the kernel reports no I/O pressure, no figure rather than a 0 it did not measure.
        if !ioWait.isEmpty { samples.append(Sample(metric: Metric.run.ioWait.id, iteration: 0, value: mean(ioWait))) }
        samples.append(Sample(metric: Metric.run.busySpecs.id, iteration: 0, value: Double(busySpecs)))
        return samples
    }

    /// The specs of `results` measured on a busy host, with their load.
    package static func busySpecs(of results: [SpecResult]) -> [(spec: String, load: HostLoad.SpecLoad)] {
        results.compactMap { result in
            guard let load = load(of: result), load.isBusy else { return nil }
            return (result.spec, load)
        }
    }

    /// One spec's load over its kept iterations, from its host-load samples.
    static func load(of result: SpecResult) -> HostLoad.SpecLoad? {
        Metric.hostLoad.load(ofSpec: result.spec) { metric in result.samples.filter { $0.metric == metric } }
    }
}
