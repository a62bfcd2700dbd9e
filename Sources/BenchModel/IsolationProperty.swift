/// The fixed isolation standard: the properties a sandbox for untrusted code should have, the
/// same for every profile and every runtime. A run is judged against this list, not against what
/// its own profile promises (those promises are checked too, as violations). Each property says
/// how it is verified — inside the sandbox, or from outside through the engine where the
/// sandbox's model hides it — why it matters, and what it answers to in the CIS Docker
/// Benchmark's container runtime section (5.x, numbered as in v1.5.0) and in amicontained's view
/// from inside a container. `docs/ISOLATION.md` holds the same table; a test keeps the two equal.
package enum IsolationProperty: String, CaseIterable, Sendable, Codable {
    case notRoot = "not_root"
    case noCapabilities = "no_capabilities"
    case noNewPrivileges = "no_new_privileges"
    case syscallFilter = "syscall_filter"
    case dangerousSyscalls = "dangerous_syscalls"
    case readOnlyRoot = "read_only_root"
    case noExecWritable = "noexec_writable"
    case noNetwork = "no_network"
    case memoryLimit = "memory_limit"
    case pidsLimit = "pids_limit"
    case cpuLimit = "cpu_limit"
    case hostKernelShielded = "host_kernel_shielded"

    /// One sample per iteration of the security spec: 1 held, 0 not held; none when the property
    /// could not be verified here. A ratio, so larger is better and a loss is a worsening.
    package var metric: MetricID { Metric.security.holds(self).id }

    /// How many properties a sandbox held, per iteration of the security spec.
    package static var heldCount: MetricID { Metric.security.propertiesHeld.id }

    package static func property(of metric: MetricID) -> IsolationProperty? {
        allCases.first { $0.metric == metric }
    }

    package var title: String {
        switch self {
        case .notRoot: "not root"
        case .noCapabilities: "no capabilities"
        case .noNewPrivileges: "no new privileges"
        case .syscallFilter: "a syscall filter in force"
        case .dangerousSyscalls: "dangerous syscalls refused or contained"
        case .readOnlyRoot: "read-only root"
        case .noExecWritable: "no exec from writable mounts"
        case .noNetwork: "no network"
        case .memoryLimit: "memory limit in force"
        case .pidsLimit: "pids limit in force"
        case .cpuLimit: "cpu limit in force"
        case .hostKernelShielded: "host kernel not directly reachable"
        }
    }

    /// How the probe verifies it (runc; gVisor where it differs).
    package var verification: String {
        switch self {
        case .notRoot: "inside: the process's uid is not 0"
        case .noCapabilities:
            "inside: CapEff, CapPrm and the bounding set CapBnd are 0, and setuid, chown, sethostname, chroot "
                + "and a raw socket are refused (gVisor: mknod is served by its own file system and does not count)"
        case .noNewPrivileges: "inside: prctl(PR_GET_NO_NEW_PRIVS) answers 1"
        case .syscallFilter:
            "inside: /proc/self/status says Seccomp 2 (gVisor: its application kernel serves every call, under "
                + "its own filter on the host; held when that kernel is confirmed)"
        case .dangerousSyscalls:
            "inside: a user namespace, keyctl, add_key, bpf, perf_event_open, userfaultfd, set_mempolicy and "
                + "personality are attempted and refused (gVisor: bpf, perf_event_open, keyctl, add_key and "
                + "userfaultfd refused; the others served by its kernel)"
        case .readOnlyRoot: "inside: / is mounted ro and a write to it is refused; outside: ReadonlyRootfs"
        case .noExecWritable: "inside: a script written to /tmp cannot be executed"
        case .noNetwork: "inside: only lo, and a connect to a TEST-NET address fails; outside: NetworkMode none"
        case .memoryLimit:
            "inside: the cgroup's limit (v1 or v2); outside: the engine's stats; below the host's memory"
        case .pidsLimit: "inside: the cgroup's pids.max; outside: the engine's stats; at most 32768"
        case .cpuLimit:
            "inside: the cgroup's CFS quota; outside: NanoCpus or CpuQuota and throttling periods counted in the "
                + "engine's stats; below the host's CPUs"
        case .hostKernelShielded:
            "inside against outside: the kernel release the sandbox sees differs from the engine's (an "
                + "application kernel such as gVisor's, or a virtual machine)"
        }
    }

    package var why: String {
        switch self {
        case .notRoot: "root in a container is root on the host's kernel objects it can reach"
        case .noCapabilities: "each capability opens kernel paths an escape can use"
        case .noNewPrivileges: "setuid binaries cannot raise the process's privileges"
        case .syscallFilter: "every syscall left open is kernel attack surface"
        case .dangerousSyscalls: "the calls behind most container escapes of recent years"
        case .readOnlyRoot: "code cannot change the image or leave anything behind"
        case .noExecWritable: "downloaded or written binaries cannot be run"
        case .noNetwork: "untrusted code cannot exfiltrate or attack anything"
        case .memoryLimit: "one sandbox cannot exhaust the host's memory"
        case .pidsLimit: "a fork bomb stops inside the sandbox"
        case .cpuLimit: "one sandbox cannot starve the others"
        case .hostKernelShielded: "a kernel bug reachable from the sandbox is not the host's"
        }
    }

    /// What the property answers to in the CIS Docker Benchmark (section 5) and amicontained.
    package var anchor: String {
        switch self {
        case .notRoot: "CIS 4.1, 5.23; amicontained: user namespace"
        case .noCapabilities: "CIS 5.3, 5.4; amicontained: capabilities"
        case .noNewPrivileges: "CIS 5.25"
        case .syscallFilter: "CIS 5.21; amicontained: seccomp"
        case .dangerousSyscalls: "amicontained: blocked syscalls"
        case .readOnlyRoot: "CIS 5.12"
        case .noExecWritable: "the tool's own (the original pytest suite)"
        case .noNetwork: "CIS 5.9 (stricter: no network at all)"
        case .memoryLimit: "CIS 5.10"
        case .pidsLimit: "CIS 5.28"
        case .cpuLimit: "CIS 5.11 (stricter: a quota, not shares)"
        case .hostKernelShielded: "the tool's own; amicontained: container runtime"
        }
    }

    /// How the security spec's note on a profile that gives up isolation begins (the profile's
    /// weakening warning, said of "this profile"): the report finds the note by it and says it first.
    package static let weakeningNoteLead = "warning: this profile gives up isolation"

    /// The weakening in a run's notes, as the report's verdict box says it ("The sandbox profile
    /// gives up isolation …"); nil when no note names one.
    package static func weakeningSentence(inNotes notes: [String]) -> String? {
        notes.first { $0.hasPrefix(weakeningNoteLead) }.map {
            "The sandbox profile" + $0.dropFirst("warning: this profile".count)
        }
    }

    /// The standard as a Markdown table: what `doctor --standard` prints and `docs/ISOLATION.md` holds.
    package static var markdownTable: String {
        var lines = ["| property | how verified | why | anchor |", "|---|---|---|---|"]
        for property in allCases {
            lines.append(
                "| \(property.title) | \(property.verification) | \(property.why) | \(property.anchor) |")
        }
        return lines.joined(separator: "\n")
    }
}
