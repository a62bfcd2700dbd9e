/// The host's foreign load over one interval: CPU the machine spent on work that is not the
/// measurement (neither this tool, nor the engine with its runtime and shims, nor the sandboxes),
/// and the CPU a hypervisor took from it (steal), both in cores: CPU seconds per second; and the
/// share of the interval during which some task of the host waited for the disk (the kernel's
/// I/O pressure), which a tenant that waits on the disk causes while taking little CPU.
package struct HostLoad: Sendable, Hashable {
    /// Cores of other work, steal included.
    package var foreignCores: Double
    /// Cores stolen by the hypervisor (a part of `foreignCores`); 0 where the kernel reports none.
    package var stealCores: Double
    /// The interval's length, in seconds.
    package var seconds: Double
    /// The share of the interval (0 to 1) during which at least one task of the host waited for
    /// I/O (`/proc/pressure/io`, "some"); nil where the kernel does not report it.
    package var ioWaitShare: Double?

    package init(foreignCores: Double, stealCores: Double, seconds: Double, ioWaitShare: Double? = nil) {
        self.foreignCores = foreignCores
        self.stealCores = stealCores
        self.seconds = seconds
        self.ioWaitShare = ioWaitShare
    }

    /// An iteration measured under more foreign load than this (cores) is busy: taken again.
    /// Half a core: a quarter of a 2-core machine, a tenth of a 5-core one, far above what the
    /// method's own error leaves on a quiet host (see docs/regression.md, "Foreign load").
    package static let busyCores = 0.5

    /// A spec is busy when more than this share of its kept iterations were busy: a median moves
    /// little for a tenth of its samples, and a spec re-measures its busy iterations first.
    package static let busyShare = 0.1

    /// An iteration during which some task waited for I/O more than this share of the time is
    /// busy too. On this project's 2-core host, the measurement's own writes (the engine's
    /// metadata, a container's layers) and the host's housekeeping kept quiet iterations of every
    /// spec at 0.2–6.3 % (most 2–3 %), while a tenant writing and syncing a file (`stress-ng
    /// --hdd 1`) put creation's at 12–43 %, median 23 % (see docs/regression.md, "Foreign load").
    package static let busyIOWaitShare = 0.15

    package var isBusy: Bool { Self.isBusy(cores: foreignCores, ioWaitShare: ioWaitShare) }

    /// Whether an iteration with this foreign load (cores) and I/O wait (a share) was busy.
    package static func isBusy(cores: Double, ioWaitShare: Double?) -> Bool {
        cores > busyCores || (ioWaitShare ?? 0) > busyIOWaitShare
    }

    /// What made an iteration or a spec busy, for a sentence: "1.02 cores of foreign load",
    /// "some task waited for I/O 63.0 % of the time", or both.
    package static func describe(cores: Double, ioWaitShare: Double?) -> String {
        var parts: [String] = []
        if cores > busyCores || (ioWaitShare ?? 0) <= busyIOWaitShare {
            parts.append(
                "\(MetricUnit.ratio.format(cores)) cores of foreign load, above \(MetricUnit.ratio.format(busyCores))")
        }
        if let ioWaitShare, ioWaitShare > busyIOWaitShare {
            parts.append(
                "some task waited for I/O \(MetricUnit.percent.format(percent(ofShare: ioWaitShare))) of the time, above "
                    + MetricUnit.percent.format(percent(ofShare: busyIOWaitShare)))
        }
        return parts.joined(separator: "; ")
    }

    /// A load as it is stored (`<spec>.host.foreign_cpu_pct`): in % of one core, as `top` counts it.
    package static func percent(ofCores cores: Double) -> Double { cores * 100 }

    package static func cores(ofPercent percent: Double) -> Double { percent / 100 }

    /// An I/O wait as it is stored (`<spec>.host.io_wait_pct`): in % of the iteration.
    package static func percent(ofShare share: Double) -> Double { share * 100 }

    package static func share(ofPercent percent: Double) -> Double { percent / 100 }

}

extension HostLoad {
    /// One spec's host load over its kept iterations, from their stored figures: how many were
    /// busy (``HostLoad/isBusy(cores:ioWaitShare:)``), and the medians, for a sentence.
    package struct SpecLoad: Sendable, Hashable, CustomStringConvertible {
        package var iterations: Int
        package var busyIterations: Int
        /// The median foreign load, in cores.
        package var medianCores: Double
        /// The median I/O wait, a share; nil when the spec's iterations did not record one.
        package var medianIOWaitShare: Double?

        /// More than ``HostLoad/busyShare`` of the kept iterations were busy: a median moves little
        /// for a tenth of its samples.
        package var isBusy: Bool { Double(busyIterations) > HostLoad.busyShare * Double(iterations) }

        /// "3 of 20 kept iterations busy; median 0.620 cores of foreign load, some task waiting for
        /// I/O 12.0 % of the time"
        package var description: String {
            "\(busyIterations) of \(iterations) kept iteration\(iterations == 1 ? "" : "s") busy; median "
                + "\(MetricUnit.ratio.format(medianCores)) cores of foreign load"
                + (medianIOWaitShare.map {
                    ", some task waiting for I/O \(MetricUnit.percent.format(HostLoad.percent(ofShare: $0))) of the time"
                } ?? "")
        }

        /// From a spec's stored samples, iteration by iteration: foreign load in % of one core
        /// (`<spec>.host.foreign_cpu_pct`) and I/O wait in % of the iteration
        /// (`<spec>.host.io_wait_pct`, absent where the kernel does not report it). Nil without a
        /// foreign-load sample.
        package init?(foreignPercents: [Sample], ioWaitPercents: [Sample]) {
            guard !foreignPercents.isEmpty else { return nil }
            let ioWait = Dictionary(ioWaitPercents.map { ($0.iteration, $0.value) }, uniquingKeysWith: max)
            let loads = foreignPercents.map { sample in
                (
                    cores: HostLoad.cores(ofPercent: sample.value),
                    io: ioWait[sample.iteration].map(HostLoad.share(ofPercent:))
                )
            }
            iterations = loads.count
            busyIterations = loads.filter { HostLoad.isBusy(cores: $0.cores, ioWaitShare: $0.io) }.count
            medianCores = Self.median(loads.map(\.cores))
            let shares = loads.compactMap(\.io)
            medianIOWaitShare = shares.isEmpty ? nil : Self.median(shares)
        }

        /// The middle value; of an even count, the upper middle (as the stored figures' sentences
        /// always said).
        private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    }
}
