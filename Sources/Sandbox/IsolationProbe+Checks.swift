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

    static func checks(_ o: Observation, profile: SandboxProfile) -> [Check] {
        let expectedIDs = profile.user.split(separator: ":").compactMap { Int($0) }
        let expectedSeccomp = profile.seccomp == .unconfined ? "0" : "2"
        var checks = [
            Check(
                name: "network", passed: o.interfaces == ["lo"] && o.connect != "connected",
                detail: "interfaces \(o.interfaces.joined(separator: ", ")); outbound connect: \(o.connect)"),
            Check(
                name: "read-only root filesystem",
                passed: !profile.readOnlyRootFilesystem || (o.rootMountReadOnly && o.rootWrite == "EROFS"),
                detail: "root mounted \(o.rootMountReadOnly ? "ro" : "rw"); writing to / gave \(o.rootWrite)"),
            Check(
                name: "user",
                passed: expectedIDs.isEmpty || [o.uid, o.gid].prefix(expectedIDs.count).elementsEqual(expectedIDs),
                detail: "uid \(o.uid), gid \(o.gid)"),
            Check(
                name: "capabilities",
                passed: !profile.dropAllCapabilities || (Self.isZero(o.capEff) && Self.isZero(o.capPrm)),
                detail: "CapEff \(o.capEff), CapPrm \(o.capPrm)"),
            Check(
                name: "no-new-privileges", passed: !profile.noNewPrivileges || o.noNewPrivs == "1",
                detail: "NoNewPrivs \(o.noNewPrivs)"),
            Check(
                name: "seccomp", passed: o.seccomp == expectedSeccomp,
                detail:
                    "mode \(o.seccomp) (\(Self.seccompModeName(o.seccomp))), expected \(Self.seccompModeName(expectedSeccomp)) for the \(profile.seccomp.name) policy"
            ),
            Check(
                name: "noexec /tmp", passed: o.tmpExec != "executed",
                detail: "executing a file in /tmp gave \(o.tmpExec)"),
        ]
        // Without a filter, nothing refuses these: only a confined profile promises it.
        for operation in filteredOperations {
            checks.append(
                attemptCheck(operation, o, refusedBy: profile.seccomp == .unconfined ? nil : "the seccomp filter"))
        }
        for operation in privilegedOperations {
            checks.append(
                attemptCheck(operation, o, refusedBy: profile.dropAllCapabilities ? "dropped capabilities" : nil))
        }
        checks += limitChecks(o.limits, profile: profile)
        return checks
    }

    /// An attempted operation: a violation when it succeeded although `refusedBy` should have refused it.
    private static func attemptCheck(_ operation: String, _ o: Observation, refusedBy: String?) -> Check {
        let outcome = o.attempts[operation] ?? "not reported"
        let name = "refused: \(operation)"
        guard let refusedBy else {
            return Check(name: name, passed: true, detail: "\(outcome) (not expected to be refused by this profile)")
        }
        return Check(
            name: name, passed: outcome != "succeeded" && outcome != "not reported",
            detail: outcome == "succeeded" ? "succeeded: \(refusedBy) let it through" : "\(outcome)")
    }

    /// The limits in force, read from inside, must be the profile's: a limit that is missing or
    /// different is a violation (a memory limit of 0 bytes, for instance, means none at all).
    static func limitChecks(_ limits: Observation.Limits, profile: SandboxProfile) -> [Check] {
        let pageSize: Int64 = 4096
        let cgroup = "cgroup \(limits.cgroup)"
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
