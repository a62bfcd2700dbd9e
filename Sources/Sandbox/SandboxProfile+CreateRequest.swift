import DockerEngine

/// Labels every sandbox container carries, so that nothing the tool creates is ever lost track of.
public enum SandboxLabel {
    public static let owner = "sandbox-bench.owner"
    public static let ownerValue = "sandbox-bench"
    public static let run = "sandbox-bench.run"
    public static let spec = "sandbox-bench.spec"

    /// The `label` filter that finds every container sandbox-bench created.
    public static let ownerFilter = "\(owner)=\(ownerValue)"
}

extension SandboxProfile {
    /// Where the code file is mounted: an anonymous volume, so that the code can be uploaded into
    /// a container whose root filesystem is read-only, and is removed with the container.
    public static let codeDirectory = "/sandbox"
    public static let codeFileName = "main.py"
    public static var codePath: String { "\(codeDirectory)/\(codeFileName)" }

    /// The create request for a container that runs `arguments` (the code file by default).
    public func createRequest(
        runID: String, spec: String? = nil, arguments: [String]? = nil
    ) -> ContainerCreateRequest {
        var labels = [SandboxLabel.owner: SandboxLabel.ownerValue, SandboxLabel.run: runID]
        labels[SandboxLabel.spec] = spec
        var securityOptions: [String] = []
        if noNewPrivileges { securityOptions.append("no-new-privileges") }
        if let seccompOption = seccomp.securityOption { securityOptions.append(seccompOption) }
        let hostConfig = HostConfig(
            networkMode: networkMode,
            memory: memoryBytes,
            memorySwap: memorySwapBytes ?? memoryBytes,
            nanoCpus: Int64((cpus * 1_000_000_000).rounded()),
            pidsLimit: pidsLimit,
            readonlyRootfs: readOnlyRootFilesystem,
            tmpfs: ["/tmp": "rw,noexec,nosuid,size=\(tmpfsSize)"],
            capDrop: dropAllCapabilities ? ["ALL"] : nil,
            securityOpt: securityOptions.isEmpty ? nil : securityOptions,
            mounts: [HostConfig.Mount(type: "volume", target: Self.codeDirectory)],
            runtime: runtime
        )
        return ContainerCreateRequest(
            image: image,
            cmd: arguments ?? (command + [Self.codePath]),
            user: user,
            workingDir: "/tmp",
            labels: labels,
            networkDisabled: true,
            hostConfig: hostConfig
        )
    }
}
