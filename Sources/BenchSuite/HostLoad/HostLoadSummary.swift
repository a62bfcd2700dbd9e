import BenchModel

/// The run's host-load figures (``RunMetrics``), made from its specs' kept iterations: the mean
/// foreign load and steal over every kept iteration (% of one core), and how many specs were busy
/// (``HostLoad/isBusy(_:)``). Nothing when no spec measured its host load.
package enum HostLoadSummary {
    package static func samples(of results: [SpecResult]) -> [Sample] {
        var foreign: [Double] = []
        var steal: [Double] = []
        var busySpecs = 0
        for result in results {
            guard let metric = Metric.hostLoad.foreignCPU(ofSpec: result.spec) else { continue }
            let values = result.values(of: metric.id)
            foreign += values
            if HostLoad.isBusy(percents: values) { busySpecs += 1 }
            if let stealMetric = Metric.hostLoad.steal(ofSpec: result.spec) {
                steal += result.values(of: stealMetric.id)
            }
        }
        guard !foreign.isEmpty else { return [] }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }
        return [
            Sample(metric: Metric.run.foreignCPU.id, iteration: 0, value: mean(foreign)),
            Sample(metric: Metric.run.steal.id, iteration: 0, value: mean(steal)),
            Sample(metric: Metric.run.busySpecs.id, iteration: 0, value: Double(busySpecs)),
        ]
    }

    /// The specs of `results` measured on a busy host, with their median foreign load in cores.
    package static func busySpecs(of results: [SpecResult]) -> [(spec: String, cores: Double)] {
        results.compactMap { result in
            guard let metric = Metric.hostLoad.foreignCPU(ofSpec: result.spec) else { return nil }
            let values = result.values(of: metric.id)
            guard HostLoad.isBusy(percents: values) else { return nil }
            return (result.spec, HostLoad.cores(ofPercent: values.sorted()[values.count / 2]))
        }
    }
}
