import BenchModel
import Regression

/// What a run's stored host-load figures say (`run.host.busy_spec_count`, `run.host.foreign_cpu_pct`):
/// whether it was measured on a busy host, in one sentence the report, the site and the summary share.
package struct HostLoadFacts: Sendable, Hashable {
    /// Specs measured while the host was busy (more than a tenth of their iterations).
    package var busySpecs: Int
    /// Cores of other work, mean over every kept iteration.
    package var foreignCores: Double?

    /// Nil when the run was not busy, or measured no host load.
    package init?(_ summaries: [MetricSummary]) {
        guard let busy = summaries.first(where: { $0.metric == Metric.run.busySpecs.id }), busy.max > 0 else {
            return nil
        }
        busySpecs = Int(busy.max)
        foreignCores = summaries.first { $0.metric == Metric.run.foreignCPU.id }.map {
            HostLoad.cores(ofPercent: $0.median)
        }
    }

    /// Nil when `busySpecs` is nil or 0.
    package init?(busySpecs: Double?, foreignPercent: Double?) {
        guard let busySpecs, busySpecs > 0 else { return nil }
        self.busySpecs = Int(busySpecs)
        self.foreignCores = foreignPercent.map(HostLoad.cores(ofPercent:))
    }

    /// From a comparison's current figures (the CI summary, which has no summaries of its own).
    package init?(_ comparison: RunComparison) {
        let current = { (metric: MetricID) in comparison.metrics.first { $0.metric == metric }?.current }
        self.init(busySpecs: current(Metric.run.busySpecs.id), foreignPercent: current(Metric.run.foreignCPU.id))
    }

    /// "Measured on a busy host: other work took 1.21 cores on average, 2 specs were busy; …"
    package var sentence: String {
        let load = foreignCores.map { "other work took \(MetricUnit.ratio.format($0)) cores on average, " } ?? ""
        return "Measured on a busy host: \(load)\(ValueFormat.count(busySpecs, "spec")) "
            + "\(busySpecs == 1 ? "was" : "were") busy even after busy iterations were measured again; relative "
            + "alerts on \(busySpecs == 1 ? "it" : "them") are withheld, and the run is no baseline."
    }
}
