/// The host's foreign load over one interval: CPU the machine spent on work that is not the
/// measurement (neither this tool, nor the engine with its runtime and shims, nor the sandboxes),
/// and the CPU a hypervisor took from it (steal), both in cores: CPU seconds per second.
package struct HostLoad: Sendable, Hashable {
    /// Cores of other work, steal included.
    package var foreignCores: Double
    /// Cores stolen by the hypervisor (a part of `foreignCores`); 0 where the kernel reports none.
    package var stealCores: Double
    /// The interval's length, in seconds.
    package var seconds: Double

    package init(foreignCores: Double, stealCores: Double, seconds: Double) {
        self.foreignCores = foreignCores
        self.stealCores = stealCores
        self.seconds = seconds
    }

    /// An iteration measured under more foreign load than this (cores) is busy: taken again.
    /// Half a core: a quarter of a 2-core machine, a tenth of a 5-core one, far above what the
    /// method's own error leaves on a quiet host (see docs/regression.md, "Foreign load").
    package static let busyCores = 0.5

    /// A spec is busy when more than this share of its kept iterations were busy: a median moves
    /// little for a tenth of its samples, and a spec re-measures its busy iterations first.
    package static let busyShare = 0.1

    package var isBusy: Bool { foreignCores > Self.busyCores }

    /// A load as it is stored (`<spec>.host.foreign_cpu_pct`): in % of one core, as `top` counts it.
    package static func percent(ofCores cores: Double) -> Double { cores * 100 }

    package static func cores(ofPercent percent: Double) -> Double { percent / 100 }

    /// Whether one spec's stored per-iteration loads (% of one core) make it busy.
    package static func isBusy(percents: [Double]) -> Bool { isBusy(percents.map(cores(ofPercent:))) }

    /// Whether the per-iteration foreign loads (cores) of one spec make it busy.
    package static func isBusy(_ iterations: [Double]) -> Bool {
        guard !iterations.isEmpty else { return false }
        let busy = iterations.filter { $0 > busyCores }.count
        return Double(busy) > busyShare * Double(iterations.count)
    }
}
