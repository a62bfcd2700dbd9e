import BenchModel

extension SandboxProfile {
    /// A memory limit at or above this is none in effect: more than any host here has.
    static let effectivelyUnlimitedMemory: Int64 = 1 << 40

    /// Each way this profile gives up isolation that Docker's defaults or the isolation standard
    /// keep — root, capabilities, new privileges, no syscall filter, a writable root, no effective
    /// limit — in words, for `run`, `doctor`, `ab`, `compare` and the report to say before they
    /// measure. Empty for the tool's default profile.
    package var weakenings: [String] {
        var found: [String] = []
        let userName = user.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? user
        if userName == "0" || userName == "root" { found.append("runs as root (user \(user))") }
        if !dropAllCapabilities { found.append("keeps Docker's default capabilities") }
        if !noNewPrivileges { found.append("allows new privileges (setuid binaries)") }
        if seccomp == .unconfined { found.append("seccomp unconfined: no syscall filter, below Docker's default") }
        if !readOnlyRootFilesystem { found.append("a writable root filesystem") }
        if memoryBytes >= Self.effectivelyUnlimitedMemory {
            found.append("no effective memory limit (\(ByteSize.format(memoryBytes)))")
        }
        if pidsLimit > 32768 { found.append("no effective pids limit (\(pidsLimit))") }
        return found
    }

    /// One line naming every weakening of the profile `label`, or nil when there is none.
    package func weakeningWarning(label: String) -> String? {
        let found = weakenings
        guard !found.isEmpty else { return nil }
        return "warning: \(label) gives up isolation a sandbox for untrusted code should keep: "
            + found.joined(separator: "; ")
    }
}
