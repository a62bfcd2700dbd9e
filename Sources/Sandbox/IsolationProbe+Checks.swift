import Foundation

extension IsolationProbe {
    /// Operations Docker's default seccomp profile refuses and a process without capabilities
    /// could otherwise do: each that succeeds shows a filter that lets too much through (an
    /// allow-all profile file still reports seccomp mode 2).
    package static let filteredOperations = [
        "unshare(CLONE_NEWUSER)", "keyctl", "add_key", "bpf", "perf_event_open", "userfaultfd", "set_mempolicy",
        "personality(ADDR_NO_RANDOMIZE)",
    ]
    /// Operations that need a capability the sandbox must not hold.
    package static let privilegedOperations = ["setuid", "chown", "mknod", "sethostname", "chroot", "raw socket"]

    /// The profile's own promises, each checked the way the sandbox's model allows: under gVisor the
    /// root write refused with EACCES, seccomp mode 0 inside its application kernel, the calls it
    /// serves itself, and limits read from the engine's stats count as kept.
    static func checks(_ o: Observation, profile: SandboxProfile, evidence e: IsolationEvidence) -> [Check] {
        let gVisor = e.model == .gVisor
        let nnp =
            gVisor
            ? (e.noNewPrivilegesApplied.map { $0 ? "1 (SecurityOpt)" : "0 (SecurityOpt)" } ?? "?")
            : (o.noNewPrivsPrctl ?? o.noNewPrivs)
        let rootRefused = o.rootWrite == "EROFS" || (gVisor && o.rootWrite == "EACCES")
        let seccompKept =
            gVisor
            ? (profile.seccomp == .unconfined || o.kernel != e.hostKernel)
            : o.seccomp == (profile.seccomp == .unconfined ? "0" : "2")
        let user = SandboxUser(profile.user)
        let expectedSeccomp = profile.seccomp == .unconfined ? "0" : "2"
        let seccompDetail =
            gVisor
            ? "mode \(o.seccomp) inside gVisor's application kernel (kernel \(o.kernel ?? "?"), host "
                + "\(e.hostKernel ?? "?")), which serves every call for the \(profile.seccomp.name) policy"
            : "mode \(o.seccomp) (\(Self.seccompModeName(o.seccomp))), expected "
                + "\(Self.seccompModeName(expectedSeccomp)) for the \(profile.seccomp.name) policy"
        var checks = [
            Check(
                name: "network", passed: o.interfaces == ["lo"] && o.connect != "connected",
                detail: "interfaces \(o.interfaces.joined(separator: ", ")); outbound connect: \(o.connect)"),
            Check(
                name: "read-only root filesystem",
                passed: !profile.readOnlyRootFilesystem || (o.rootMountReadOnly && rootRefused),
                detail: "root mounted \(o.rootMountReadOnly ? "ro" : "rw"); writing to / gave \(o.rootWrite)"),
            Check(
                name: "user",
                passed: (user.uid.map { $0 == o.uid } ?? true) && (user.gid.map { $0 == o.gid } ?? true),
                detail: "uid \(o.uid), gid \(o.gid)"),
            Check(
                name: "capabilities",
                passed: !profile.dropAllCapabilities || Self.noCapabilities(o), detail: Self.capabilitySets(o)),
            Check(
                name: "no-new-privileges", passed: !profile.noNewPrivileges || nnp.hasPrefix("1"),
                detail: "NoNewPrivs \(nnp)"),
            Check(
                name: "seccomp", passed: seccompKept, detail: seccompDetail),
            Check(
                name: "noexec /tmp", passed: o.tmpExec != "executed",
                detail: "executing a file in /tmp gave \(o.tmpExec)"),
        ]
        // Without a filter, nothing refuses these: only a confined profile promises it.
        for operation in filteredOperations {
            let served = gVisor && servedByGVisor.contains(operation)
            checks.append(
                attemptCheck(
                    operation, o, refusedBy: profile.seccomp == .unconfined || served ? nil : "the seccomp filter",
                    servedByGVisor: served))
        }
        for operation in privilegedOperations {
            let served = gVisor && servedByGVisorPrivileged.contains(operation)
            checks.append(
                attemptCheck(
                    operation, o, refusedBy: profile.dropAllCapabilities && !served ? "dropped capabilities" : nil,
                    servedByGVisor: served))
        }
        checks += limitChecks(o.limits, profile: profile, evidence: e)
        return checks
    }

    /// An attempted operation: a violation when it succeeded although `refusedBy` should have refused it.
    private static func attemptCheck(
        _ operation: String, _ o: Observation, refusedBy: String?, servedByGVisor: Bool = false
    ) -> Check {
        let outcome = o.attempts[operation] ?? "not reported"
        let name = "refused: \(operation)"
        if servedByGVisor {
            return Check(name: name, passed: true, detail: "\(outcome) (served by gVisor's application kernel)")
        }
        guard let refusedBy else {
            return Check(name: name, passed: true, detail: "\(outcome) (not expected to be refused by this profile)")
        }
        return Check(
            name: name, passed: outcome != "succeeded" && outcome != "not reported",
            detail: outcome == "succeeded" ? "succeeded: \(refusedBy) let it through" : "\(outcome)")
    }

    /// The limits in force, read from inside, must be the profile's: a limit that is missing or
    /// different is a violation (a memory limit of 0 bytes, for instance, means none at all).
    static func limitChecks(_ limits: Observation.Limits, profile: SandboxProfile, evidence e: IsolationEvidence)
        -> [Check]
    {
        var limits = limits
        var cgroup = "cgroup \(limits.cgroup)"
        // gVisor shows no cgroup inside: its limits are read from the engine's stats.
        if limits.memory == nil && limits.pids == nil && limits.cpuQuota == nil,
            e.statsMemoryLimit != nil || e.statsPidsLimit != nil
        {
            cgroup = "the engine's stats"
            limits.memory = e.statsMemoryLimit.map(String.init)
            limits.pids = e.statsPidsLimit.map(String.init)
            if let cpus = e.appliedCPUs, (e.statsCPUPeriods ?? 0) > 0 {
                limits.cpuQuota = String(Int((cpus * 100_000).rounded()))
                limits.cpuPeriod = "100000"
            }
        }
        let pageSize: Int64 = 4096
        var checks: [Check] = []
        let memory = limits.memory.flatMap { Int64($0) }
        checks.append(
            Check(
                name: "memory limit",
                passed: memory.map { abs($0 - profile.memoryBytes) < pageSize } ?? false,
                detail:
                    "\(limits.memory ?? "unreadable") bytes in force (\(cgroup)), the profile's \(profile.memoryBytes)")
        )
        let pids = limits.pids.flatMap { Int64($0) }
        checks.append(
            Check(
                name: "pids limit", passed: pids == profile.pidsLimit,
                detail: "\(limits.pids ?? "unreadable") in force (\(cgroup)), the profile's \(profile.pidsLimit)"))
        let quota = limits.cpuQuota.flatMap { Double($0) }
        let period = limits.cpuPeriod.flatMap { Double($0) }
        let cpus = quota.flatMap { quota in period.map { quota / $0 } }
        checks.append(
            Check(
                name: "cpu limit",
                passed: cpus.map { $0 > 0 && abs($0 - profile.cpus) <= profile.cpus * 0.01 } ?? false,
                detail:
                    "\(cpus.map { String(format: "%.3g", $0) } ?? "no quota (\(limits.cpuQuota ?? "unreadable"))") CPUs in force (\(cgroup)), the profile's \(profile.cpus)"
            ))
        return checks
    }

    static func isZero(_ hexMask: String) -> Bool {
        !hexMask.isEmpty && hexMask.allSatisfy { $0 == "0" }
    }

    static func seccompModeName(_ mode: String) -> String {
        switch mode {
        case "0": return "disabled"
        case "1": return "strict"
        case "2": return "filter"
        default: return "unknown"
        }
    }
}
