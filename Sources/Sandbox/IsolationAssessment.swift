import BenchModel

/// One property of the fixed isolation standard (`IsolationProperty`), as a sandbox held it.
package struct IsolationAssessment: Sendable, Equatable, Codable {
    package enum Status: String, Sendable, Codable {
        case held
        case notHeld = "not held"
        /// Neither the inside nor the engine shows it on this host; the detail says why.
        case notVerifiable = "not verifiable"
    }

    package var property: IsolationProperty
    package var status: Status
    package var detail: String

    package init(_ property: IsolationProperty, _ status: Status, _ detail: String) {
        self.property = property
        self.status = status
        self.detail = detail
    }

    /// "held: uid 1000", "not held: uid 0", "not verifiable here: …".
    package var sentence: String {
        status == .notVerifiable ? "not verifiable here: \(detail)" : "\(status.rawValue): \(detail)"
    }
}

extension IsolationProbe {
    /// The highest pids limit that still counts as one: the kernel's default `pid_max`.
    static let pidsCeiling: Int64 = 32768
    /// Operations gVisor's application kernel serves itself, inside the sandbox: succeeding there
    /// reaches no host kernel code (a user namespace of the Sentry, a device node in its own file system).
    static let servedByGVisor: Set<String> = [
        "unshare(CLONE_NEWUSER)", "set_mempolicy", "personality(ADDR_NO_RANDOMIZE)",
    ]
    static let servedByGVisorPrivileged: Set<String> = ["mknod"]

    /// Judges what the probe saw inside and the engine shows outside against the fixed standard.
    static func assess(_ o: Observation, _ e: IsolationEvidence) -> [IsolationAssessment] {
        let gVisor = e.model == .gVisor
        let kernel = kernelShielded(o, e)
        return [
            IsolationAssessment(.notRoot, o.uid != 0 ? .held : .notHeld, "uid \(o.uid)"),
            capabilities(o, gVisor: gVisor),
            noNewPrivileges(o, e),
            syscallFilter(o, gVisor: gVisor, kernel: kernel),
            dangerousSyscalls(o, gVisor: gVisor),
            readOnlyRoot(o, e),
            IsolationAssessment(
                .noExecWritable, o.tmpExec == "executed" ? .notHeld : .held,
                "executing a file in /tmp gave \(o.tmpExec)"),
            network(o, e),
            memory(o.limits, e),
            pids(o.limits, e),
            cpu(o.limits, e),
            kernel,
        ]
    }

    private static func capabilities(_ o: Observation, gVisor: Bool) -> IsolationAssessment {
        let served = gVisor ? servedByGVisorPrivileged : []
        let succeeded = privilegedOperations.filter { !served.contains($0) && o.attempts[$0] == "succeeded" }
        let zero = noCapabilities(o)
        let detail =
            capabilitySets(o) + (succeeded.isEmpty ? "" : "; succeeded: \(succeeded.joined(separator: ", "))")
        return IsolationAssessment(.noCapabilities, zero && succeeded.isEmpty ? .held : .notHeld, detail)
    }

    /// CapEff, CapPrm and the bounding set all empty: nothing held now, nothing an exec could
    /// gain. (The bounding set is not judged in output recorded before the probe read it.)
    static func noCapabilities(_ o: Observation) -> Bool {
        isZero(o.capEff) && isZero(o.capPrm) && o.capBnd.map(isZero) != false
    }

    /// "CapEff 0000000000000000, CapPrm 0000000000000000, CapBnd 00000000a80425fb".
    static func capabilitySets(_ o: Observation) -> String {
        "CapEff \(o.capEff), CapPrm \(o.capPrm)" + (o.capBnd.map { ", CapBnd \($0)" } ?? "")
    }

    private static func noNewPrivileges(_ o: Observation, _ e: IsolationEvidence) -> IsolationAssessment {
        if e.model == .gVisor {
            guard let applied = e.noNewPrivilegesApplied else {
                return IsolationAssessment(
                    .noNewPrivileges, .notVerifiable,
                    "gVisor answers 1 inside whatever the setting; inspect was not read")
            }
            return IsolationAssessment(
                .noNewPrivileges, applied ? .held : .notHeld,
                "SecurityOpt \(applied ? "has" : "lacks") no-new-privileges (gVisor answers 1 inside whatever the setting)"
            )
        }
        let value = o.noNewPrivsPrctl ?? o.noNewPrivs
        switch value {
        case "1": return IsolationAssessment(.noNewPrivileges, .held, "no_new_privs 1")
        case "0": return IsolationAssessment(.noNewPrivileges, .notHeld, "no_new_privs 0")
        default:
            return IsolationAssessment(
                .noNewPrivileges, .notVerifiable, "neither prctl nor /proc/self/status answered (\(value))")
        }
    }

    private static func syscallFilter(_ o: Observation, gVisor: Bool, kernel: IsolationAssessment)
        -> IsolationAssessment
    {
        if gVisor {
            return kernel.status == .held
                ? IsolationAssessment(
                    .syscallFilter, .held,
                    "gVisor's application kernel serves every system call (seccomp mode \(o.seccomp) inside it)")
                : IsolationAssessment(
                    .syscallFilter, .notHeld,
                    "the runtime is runsc, but no application kernel was seen (\(kernel.detail))")
        }
        switch o.seccomp {
        case "2": return IsolationAssessment(.syscallFilter, .held, "seccomp mode 2 (filter)")
        case "0", "1":
            return IsolationAssessment(
                .syscallFilter, .notHeld, "seccomp mode \(o.seccomp) (\(seccompModeName(o.seccomp)))")
        default:
            return IsolationAssessment(.syscallFilter, .notVerifiable, "/proc/self/status shows no seccomp mode")
        }
    }

    private static func dangerousSyscalls(_ o: Observation, gVisor: Bool) -> IsolationAssessment {
        let checked = filteredOperations.filter { !(gVisor && servedByGVisor.contains($0)) }
        let attempted = checked.filter { (o.attempts[$0] ?? "not attempted") != "not attempted" }
        guard !attempted.isEmpty else {
            return IsolationAssessment(
                .dangerousSyscalls, .notVerifiable, "none of the calls could be attempted on this architecture")
        }
        let succeeded = attempted.filter { o.attempts[$0] == "succeeded" }
        let served = gVisor ? "; served by gVisor's kernel: \(servedByGVisor.sorted().joined(separator: ", "))" : ""
        return succeeded.isEmpty
            ? IsolationAssessment(.dangerousSyscalls, .held, "\(attempted.count) refused\(served)")
            : IsolationAssessment(
                .dangerousSyscalls, .notHeld, "succeeded: \(succeeded.joined(separator: ", "))")
    }

    private static func readOnlyRoot(_ o: Observation, _ e: IsolationEvidence) -> IsolationAssessment {
        let refused = o.rootWrite != "written"
        let held = o.rootMountReadOnly && refused && e.readOnlyRootfs != false
        let outside = e.readOnlyRootfs.map { "; ReadonlyRootfs \($0)" } ?? ""
        return IsolationAssessment(
            .readOnlyRoot, held ? .held : .notHeld,
            "root mounted \(o.rootMountReadOnly ? "ro" : "rw"); writing to / gave \(o.rootWrite)\(outside)")
    }

    private static func network(_ o: Observation, _ e: IsolationEvidence) -> IsolationAssessment {
        let held = o.interfaces == ["lo"] && o.connect != "connected" && (e.networkMode ?? "none") == "none"
        return IsolationAssessment(
            .noNetwork, held ? .held : .notHeld,
            "interfaces \(o.interfaces.joined(separator: ", ")); outbound connect: \(o.connect)"
                + (e.networkMode.map { "; NetworkMode \($0)" } ?? ""))
    }

    /// A limit read inside ("max" is none), else the engine's stats; nil when neither shows it.
    private static func limit(inside: String?, outside: Int64?) -> (value: Int64?, source: String)? {
        if let inside {
            return (inside == "max" ? nil : Int64(inside), "the cgroup")
        }
        if let outside { return (outside > 0 ? outside : nil, "the engine's stats") }
        return nil
    }

    private static func memory(_ limits: Observation.Limits, _ e: IsolationEvidence) -> IsolationAssessment {
        guard let reading = limit(inside: limits.memory, outside: e.statsMemoryLimit) else {
            return IsolationAssessment(
                .memoryLimit, .notVerifiable, "neither the cgroup nor the engine's stats show a memory limit")
        }
        let ceiling = e.hostMemoryBytes ?? (1 << 62)
        guard let bytes = reading.value, bytes < ceiling else {
            let shown = reading.value.map { "\($0) bytes" } ?? "none"
            return IsolationAssessment(
                .memoryLimit, .notHeld,
                "\(shown) per \(reading.source), not below the host's \(e.hostMemoryBytes.map(String.init) ?? "?") bytes"
            )
        }
        return IsolationAssessment(.memoryLimit, .held, "\(bytes) bytes per \(reading.source)")
    }

    private static func pids(_ limits: Observation.Limits, _ e: IsolationEvidence) -> IsolationAssessment {
        guard let reading = limit(inside: limits.pids, outside: e.statsPidsLimit) else {
            return IsolationAssessment(
                .pidsLimit, .notVerifiable, "neither the cgroup nor the engine's stats show a pids limit")
        }
        guard let pids = reading.value, pids <= pidsCeiling else {
            return IsolationAssessment(
                .pidsLimit, .notHeld,
                "\(reading.value.map(String.init) ?? "none") per \(reading.source), above \(pidsCeiling)")
        }
        return IsolationAssessment(.pidsLimit, .held, "\(pids) per \(reading.source)")
    }

    private static func cpu(_ limits: Observation.Limits, _ e: IsolationEvidence) -> IsolationAssessment {
        let hostCPUs = e.hostCPUs.map(Double.init) ?? .infinity
        if let quota = limits.cpuQuota {
            guard let q = Double(quota), q > 0, let period = limits.cpuPeriod.flatMap(Double.init), period > 0,
                q / period < hostCPUs
            else {
                return IsolationAssessment(.cpuLimit, .notHeld, "no CFS quota below the host's CPUs (\(quota))")
            }
            return IsolationAssessment(.cpuLimit, .held, "\(formatCPUs(q / period)) CPUs per the cgroup")
        }
        guard let applied = e.appliedCPUs else {
            return IsolationAssessment(.cpuLimit, .notHeld, "the engine applied no CPU quota")
        }
        guard applied < hostCPUs else {
            return IsolationAssessment(.cpuLimit, .notHeld, "\(formatCPUs(applied)) CPUs, not below the host's")
        }
        guard let periods = e.statsCPUPeriods, periods > 0 else {
            return IsolationAssessment(
                .cpuLimit, .notVerifiable,
                "the engine applied \(formatCPUs(applied)) CPUs, but its stats count no enforcement period")
        }
        return IsolationAssessment(
            .cpuLimit, .held, "\(formatCPUs(applied)) CPUs applied, \(periods) quota periods per the engine's stats")
    }

    private static func kernelShielded(_ o: Observation, _ e: IsolationEvidence) -> IsolationAssessment {
        guard let inside = o.kernel, let host = e.hostKernel else {
            return IsolationAssessment(
                .hostKernelShielded, .notVerifiable, "the kernel release inside or the engine's is unknown")
        }
        return inside == host
            ? IsolationAssessment(
                .hostKernelShielded, .notHeld,
                "the sandbox sees the host's kernel \(inside): its system calls reach it directly")
            : IsolationAssessment(
                .hostKernelShielded, .held, "the sandbox sees kernel \(inside), the host runs \(host)")
    }

    static func formatCPUs(_ cpus: Double) -> String {
        String(format: "%.3g", cpus)
    }
}
