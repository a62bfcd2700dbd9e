import BenchModel
import ResultsStore

/// Which stored runs were measured on a busy host: those whose `run.host.busy_spec_count` is above 0
/// (``HostLoadSummary``). A run stored before foreign load was measured is not busy.
package enum BusyRuns {
    /// The busy specs of each of `runs` that had any.
    package static func busySpecs(of runs: [Int64], in reader: any ResultsReader) throws -> [Int64: Int] {
        guard !runs.isEmpty else { return [:] }
        return try reader.samples(of: Metric.run.busySpecs.id, runs: runs).compactMapValues { samples in
            let busy = Int(samples.map(\.sample.value).max() ?? 0)
            return busy > 0 ? busy : nil
        }
    }

    package static func isBusy(_ run: Int64, in reader: any ResultsReader) throws -> Bool {
        try busySpecs(of: [run], in: reader)[run] != nil
    }
}
