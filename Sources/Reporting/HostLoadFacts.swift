import BenchModel
import Regression

/// What a run's stored host-load figures say (`run.host.busy_spec_count`, `run.host.foreign_cpu_pct`,
/// `run.host.io_wait_pct`): whether it was measured on a busy host, in one sentence the report, the
/// site and the summary share.
package struct HostLoadFacts: Sendable, Hashable {
    /// Specs measured while the host was busy (more than a tenth of their iterations).
    package var busySpecs: Int
    /// Cores of other work, mean over every kept iteration.
    package var foreignCores: Double?
    /// The share of the time some task waited for I/O, mean over every kept iteration; nil where
    /// the kernel did not report it.
    package var ioWaitShare: Double?

    /// Nil when the run was not busy, or measured no host load.
    package init?(_ summaries: [MetricSummary]) {
        guard let busy = summaries.first(where: { $0.metric == Metric.run.busySpecs.id }), busy.max > 0 else {
            return nil
        }
        busySpecs = Int(busy.max)
        foreignCores = summaries.first { $0.metric == Metric.run.foreignCPU.id }.map {
            HostLoad.cores(ofPercent: $0.median)
        }
        ioWaitShare = summaries.first { $0.metric == Metric.run.ioWait.id }.map { HostLoad.share(ofPercent: $0.median) }
    }

    /// Nil when `busySpecs` is nil or 0.
    package init?(busySpecs: Double?, foreignPercent: Double?, ioWaitPercent: Double? = nil) {
        guard let busySpecs, busySpecs > 0 else { return nil }
        self.busySpecs = Int(busySpecs)
        self.foreignCores = foreignPercent.map(HostLoad.cores(ofPercent:))
        self.ioWaitShare = ioWaitPercent.map(HostLoad.share(ofPercent:))
    }

    /// From a comparison's current figures (the CI summary, which has no summaries of its own).
    package init?(_ comparison: RunComparison) {
        let current = { (metric: MetricID) in comparison.metrics.first { $0.metric == metric }?.current }
        self.init(
            busySpecs: current(Metric.run.busySpecs.id), foreignPercent: current(Metric.run.foreignCPU.id),
            ioWaitPercent: current(Metric.run.ioWait.id))
    }

    /// The trend chart of what made the run busy: the I/O wait's where the disk was waited on and
    /// other work took little CPU, else the foreign load's.
    package var chart: Metric {
        let disk =
            ioWaitShare.map { $0 > HostLoad.busyIOWaitShare } == true && (foreignCores ?? 0) <= HostLoad.busyCores
        return disk ? Metric.run.ioWait : Metric.run.foreignCPU
    }

    /// "Measured on a busy host: other work took 1.21 cores on average, some task waited for I/O
    /// 3.0 % of the time, 2 specs were busy; …"
    package var sentence: String {
        var load = foreignCores.map { "other work took \(MetricUnit.ratio.format($0)) cores on average, " } ?? ""
        if let ioWaitShare {
            load +=
                "some task waited for I/O \(MetricUnit.percent.format(HostLoad.percent(ofShare: ioWaitShare))) "
                + "of the time, "
        }
        return "Measured on a busy host: \(load)\(ValueFormat.count(busySpecs, "spec")) "
            + "\(busySpecs == 1 ? "was" : "were") busy even after busy iterations were measured again; relative "
            + "alerts on \(busySpecs == 1 ? "it" : "them") are withheld, and the run is no baseline."
    }
}
