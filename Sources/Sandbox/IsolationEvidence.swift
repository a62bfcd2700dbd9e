import EngineInterface

/// What the engine shows of a sandbox from outside, beside what the probe sees inside: the
/// runtime's model, the host's kernel, memory and CPUs, the settings applied, and the limits in
/// force as the engine's stats read them. Kept as a value so that recorded output can be judged.
package struct IsolationEvidence: Sendable, Equatable, Codable {
    package var model: SandboxModel
    /// The engine host's kernel release (`docker info`'s KernelVersion).
    package var hostKernel: String?
    package var hostMemoryBytes: Int64?
    package var hostCPUs: Int?
    package var networkMode: String?
    package var readOnlyRootfs: Bool?
    /// Whether the engine applied `no-new-privileges` (SecurityOpt): gVisor's kernel answers
    /// prctl(PR_GET_NO_NEW_PRIVS) with 1 whatever the setting, so under gVisor this decides.
    package var noNewPrivilegesApplied: Bool?
    /// CPUs the engine applied (NanoCpus, or CpuQuota / CpuPeriod).
    package var appliedCPUs: Double?
    package var statsMemoryLimit: Int64?
    package var statsPidsLimit: Int64?
    /// CFS periods counted by the stats: above 0 only while a quota is in force.
    package var statsCPUPeriods: Int64?
    /// The memory the sandbox holds, less its inactive file cache, in bytes; nil where not reported.
    package var statsMemoryInUse: Int64?

    package init(
        model: SandboxModel, hostKernel: String? = nil, hostMemoryBytes: Int64? = nil, hostCPUs: Int? = nil,
        networkMode: String? = nil, readOnlyRootfs: Bool? = nil, noNewPrivilegesApplied: Bool? = nil,
        appliedCPUs: Double? = nil,
        statsMemoryLimit: Int64? = nil, statsPidsLimit: Int64? = nil, statsCPUPeriods: Int64? = nil,
        statsMemoryInUse: Int64? = nil
    ) {
        self.statsMemoryInUse = statsMemoryInUse
        self.model = model
        self.hostKernel = hostKernel
        self.hostMemoryBytes = hostMemoryBytes
        self.hostCPUs = hostCPUs
        self.networkMode = networkMode
        self.readOnlyRootfs = readOnlyRootfs
        self.noNewPrivilegesApplied = noNewPrivilegesApplied
        self.appliedCPUs = appliedCPUs
        self.statsMemoryLimit = statsMemoryLimit
        self.statsPidsLimit = statsPidsLimit
        self.statsCPUPeriods = statsCPUPeriods
    }

    /// Reads the evidence of the running container `id` from `engine`; what cannot be read stays nil.
    static func read(_ engine: any ContainerEngine, container id: String, runtime: String?) async throws
        -> IsolationEvidence
    {
        let info = try await engine.info()
        let inspect = try await engine.inspectContainer(id)
        let stats = try? await engine.containerStats(id)
        let name = inspect.hostConfig?.runtime ?? runtime ?? info.defaultRuntime ?? "runc"
        let host = inspect.hostConfig
        let cpus: Double? =
            if let nano = host?.nanoCpus, nano > 0 {
                Double(nano) / 1e9
            } else if let quota = host?.cpuQuota, quota > 0, let period = host?.cpuPeriod, period > 0 {
                Double(quota) / Double(period)
            } else { nil }
        return IsolationEvidence(
            model: SandboxModel(runtime: name, path: info.runtimes?[name]?.path), hostKernel: info.kernelVersion,
            hostMemoryBytes: info.memTotal, hostCPUs: info.cpuCount, networkMode: host?.networkMode,
            readOnlyRootfs: host?.readonlyRootfs,
            noNewPrivilegesApplied: host.map { Self.appliesNoNewPrivileges($0.securityOpt ?? []) },
            appliedCPUs: cpus, statsMemoryLimit: stats?.memoryStats?.limit,
            statsPidsLimit: stats?.pidsStats?.limit, statsCPUPeriods: stats?.cpuStats?.throttlingData?.periods,
            statsMemoryInUse: stats?.memoryStats?.workingSet)
    }

    /// `no-new-privileges`, `no-new-privileges:true` or `=true` among the security options.
    static func appliesNoNewPrivileges(_ options: [String]) -> Bool {
        options.contains { ["no-new-privileges", "no-new-privileges:true", "no-new-privileges=true"].contains($0) }
    }
}
