/// `GET /containers/{id}/stats?stream=false`, the fields sandbox-bench uses: the limits the
/// runtime enforces, as the engine reads them from outside the sandbox. Under gVisor, which shows
/// its sandboxed processes no cgroup, this is where its limits can be seen.
package struct ContainerStats: Decodable, Sendable, Equatable {
    package struct MemoryStats: Decodable, Sendable, Equatable {
        /// The memory limit in force, in bytes (the host's memory when there is none).
        package let limit: Int64?
        /// The memory in use, in bytes, page cache included; nil where the runtime reports none.
        package let usage: Int64?
        /// The cgroup's own counters: `inactive_file` (cgroup v2) or `total_inactive_file` (v1).
        package let stats: [String: Int64]?

        /// The memory in use less the inactive file cache, as `docker stats` shows it.
        package var workingSet: Int64? {
            guard let usage, usage > 0 else { return nil }
            let inactive = stats?["inactive_file"] ?? stats?["total_inactive_file"] ?? 0
            return inactive < usage ? usage - inactive : usage
        }
    }

    package struct PidsStats: Decodable, Sendable, Equatable {
        package let limit: Int64?
    }

    package struct CPUStats: Decodable, Sendable, Equatable {
        package struct Throttling: Decodable, Sendable, Equatable {
            /// Enforcement periods that have elapsed: counted only while a CFS quota is set.
            package let periods: Int64?
        }

        package let throttlingData: Throttling?

        enum CodingKeys: String, CodingKey {
            case throttlingData = "throttling_data"
        }
    }

    package let memoryStats: MemoryStats?
    package let pidsStats: PidsStats?
    package let cpuStats: CPUStats?

    package init(memoryLimit: Int64?, pidsLimit: Int64?, cpuPeriods: Int64?, memoryUsage: Int64? = nil) {
        memoryStats = MemoryStats(limit: memoryLimit, usage: memoryUsage, stats: nil)
        pidsStats = PidsStats(limit: pidsLimit)
        cpuStats = CPUStats(throttlingData: CPUStats.Throttling(periods: cpuPeriods))
    }

    enum CodingKeys: String, CodingKey {
        case memoryStats = "memory_stats"
        case pidsStats = "pids_stats"
        case cpuStats = "cpu_stats"
    }
}
