import BenchModel

extension SandboxProfile {
    /// A memory limit at or above this is none in effect: more than any host here has.
    static let effectivelyUnlimitedMemory: Int64 = 1 << 40

    /// Each way this profile gives up isolation that Docker's defaults or the isolation standard
    /// keep — root, capabilities, new privileges, no syscall filter, a writable root, no effective
    /// limit — in words, for `run`, `doctor`, `ab`, `compare` and the report to say before they
    /// measure. Empty for the tool's default profile.
    package var weakenings: [String] { weakenings(on: .thisMachine) }

    /// The weakenings on `host`: a CPU or memory limit at or above what the host has limits nothing.
    package func weakenings(on host: HostCapacity) -> [String] {
        var found: [String] = []
        if SandboxUser(user).isRoot { found.append("runs as root (user \(user): uid 0)") }
        if !dropAllCapabilities { found.append("keeps Docker's default capabilities") }
        if !noNewPrivileges { found.append("allows new privileges (setuid binaries)") }
        if seccomp == .unconfined { found.append("seccomp unconfined: no syscall filter, below Docker's default") }
        if let action = seccomp.permissiveDefaultAction {
            found.append(
                "seccomp profile \(seccomp.path ?? "file") lets every system call it does not list run "
                    + "(defaultAction \(action)), below Docker's default")
        }
        if !readOnlyRootFilesystem { found.append("a writable root filesystem") }
        if memoryBytes >= Self.effectivelyUnlimitedMemory {
            found.append("no effective memory limit (\(ByteSize.format(memoryBytes)))")
        } else if host.memoryBytes > 0, memoryBytes >= host.memoryBytes {
            found.append(
                "no effective memory limit (\(ByteSize.format(memoryBytes)), not below the host's "
                    + "\(ByteSize.format(host.memoryBytes)))")
        }
        if host.cpus > 0, cpus >= Double(host.cpus) {
            found.append("no effective CPU limit (\(Self.cpuCount(cpus)) CPUs, not below the host's \(host.cpus))")
        }
        if pidsLimit > 32768 { found.append("no effective pids limit (\(pidsLimit))") }
        return found
    }

    private static func cpuCount(_ cpus: Double) -> String {
        cpus.rounded() == cpus ? String(Int(cpus)) : String(cpus)
    }

    /// One line naming every weakening of the profile `label`, or nil when there is none.
    package func weakeningWarning(label: String) -> String? {
        let found = weakenings
        guard !found.isEmpty else { return nil }
        return "warning: \(label) gives up isolation a sandbox for untrusted code should keep: "
            + found.joined(separator: "; ")
    }
}

extension SeccompPolicy {
    /// The default action of a profile file when it lets every call the file does not list run —
    /// `SCMP_ACT_ALLOW`, or `SCMP_ACT_LOG`, which only logs it — so that the filter refuses only
    /// what it names, where Docker's default refuses all but what it names; nil otherwise.
    package var permissiveDefaultAction: String? {
        struct Head: Decodable { var defaultAction: String? }
        guard case .profile(_, let json) = self,
            let action = (try? StrictJSONDecoder().decode(Head.self, from: json))?.defaultAction,
            ["SCMP_ACT_ALLOW", "SCMP_ACT_LOG"].contains(action)
        else { return nil }
        return action
    }
}
