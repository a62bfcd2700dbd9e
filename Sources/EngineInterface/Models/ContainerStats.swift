/// `GET /containers/{id}/stats?stream=false`, the fields sandbox-bench uses: the limits the
/// runtime enforces, as the engine reads them from outside the sandbox. Under gVisor, which shows
/// its sandboxed processes no cgroup, this is where its limits can be seen.
package struct ContainerStats: Decodable, Sendable, Equatable {
    package struct MemoryStats: Decodable, Sendable, Equatable {
        /// The memory limit in force, in bytes (the host's memory when there is none).
        package let limit: Int64?
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

    package init(memoryLimit: Int64?, pidsLimit: Int64?, cpuPeriods: Int64?) {
        memoryStats = MemoryStats(limit: memoryLimit)
        pidsStats = PidsStats(limit: pidsLimit)
        cpuStats = CPUStats(throttlingData: CPUStats.Throttling(periods: cpuPeriods))
    }

    enum CodingKeys: String, CodingKey {
        case memoryStats = "memory_stats"
        case pidsStats = "pids_stats"
        case cpuStats = "cpu_stats"
    }
}
