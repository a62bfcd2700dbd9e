import BenchModel
import EngineInterface

/// Labels every sandbox container carries, so that nothing the tool creates is ever lost track of.
package enum SandboxLabel {
    package static let owner = "sandbox-bench.owner"
    package static let ownerValue = "sandbox-bench"
    package static let run = "sandbox-bench.run"
    package static let spec = "sandbox-bench.spec"
    /// The process that created the container: a container whose process is gone is an orphan.
    package static let host = "sandbox-bench.host"
    package static let pid = "sandbox-bench.pid"
    package static let pidStart = "sandbox-bench.pid-start"

    /// The `label` filter that finds every container sandbox-bench created.
    package static let ownerFilter = "\(owner)=\(ownerValue)"

    /// The labels that name `process` as a container's creator.
    package static func labels(of process: ProcessIdentity) -> [String: String] {
        [host: process.host, pid: String(process.pid), pidStart: process.start]
    }

    /// The labels of a container's code volume: whose it is, which run's, which process's.
    static func volumeLabels(from containerLabels: [String: String]) -> [String: String] {
        containerLabels.filter { $0.key != spec }
    }

    /// `label` filters matching the containers `process` created.
    package static func filters(of process: ProcessIdentity) -> [String] {
        labels(of: process).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// The creator named by a container's labels, or nil when it carries none.
    package static func creator(in labels: [String: String]) -> ProcessIdentity? {
        guard let host = labels[host], let pid = labels[pid].flatMap(Int32.init) else { return nil }
        return ProcessIdentity(host: host, pid: pid, start: labels[pidStart] ?? "")
    }
}

extension SandboxProfile {
    /// Where the code file is mounted: an anonymous volume, so that the code can be uploaded into
    /// a container whose root filesystem is read-only, and is removed with the container.
    package static let codeDirectory = "/sandbox"
    package static let codeFileName = "main.py"
    package static var codePath: String { "\(codeDirectory)/\(codeFileName)" }

    /// The create request for a container that runs `arguments` (the code file by default).
    package func createRequest(
        runID: String, spec: String? = nil, arguments: [String]? = nil, creator: ProcessIdentity = .current
    ) -> ContainerCreateRequest {
        var labels = SandboxLabel.labels(of: creator)
        labels[SandboxLabel.owner] = SandboxLabel.ownerValue
        labels[SandboxLabel.run] = runID
        labels[SandboxLabel.spec] = spec
        var securityOptions: [String] = []
        if noNewPrivileges { securityOptions.append("no-new-privileges") }
        if let seccompOption = seccomp.securityOption { securityOptions.append(seccompOption) }
        let hostConfig = HostConfig(
            networkMode: networkMode,
            memory: memoryBytes,
            memorySwap: effectiveMemorySwapBytes,
            nanoCpus: Int64((cpus * 1_000_000_000).rounded()),
            pidsLimit: pidsLimit,
            readonlyRootfs: readOnlyRootFilesystem,
            tmpfs: ["/tmp": "rw,noexec,nosuid,size=\(tmpfsSize)"],
            capDrop: dropAllCapabilities ? ["ALL"] : nil,
            securityOpt: securityOptions.isEmpty ? nil : securityOptions,
            // The code volume carries the container's labels too: a create that fails half-way
            // (an engine shutting down) can leave the volume without its container.
            mounts: [
                HostConfig.Mount(
                    type: "volume", target: Self.codeDirectory, volumeLabels: SandboxLabel.volumeLabels(from: labels))
            ],
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
