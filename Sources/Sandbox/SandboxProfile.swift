import EngineInterface

/// How a sandbox container is configured: the engine it runs on, image, command and every
/// isolation and resource limit. The defaults are the original project's executor's.
///
/// This one type is what the command line builds, what a run stores (as JSON, see
/// `SandboxProfile+Codable.swift`), what `profile show` prints and `ab` reads, and what becomes the
/// engine's create request (`SandboxProfile+CreateRequest.swift`). A new setting is a field here,
/// its coding key, and its place in the create request.
package struct SandboxProfile: Sendable, Equatable {
    /// The tag `Scripts/setup.sh` builds from Debian packages.
    package static let defaultImage = "sandbox-bench/python:bookworm"

    /// The engine the sandbox runs on. Two profiles with different engines compare two engines
    /// side by side (an engine upgrade).
    package var engine: DockerHost
    package var image: String
    /// The interpreter; the path of the code file is appended.
    package var command: [String]
    package var memoryBytes: Int64
    /// Memory plus swap (Docker's `MemorySwap`); equal to `memoryBytes` (no swap) unless set.
    package var memorySwapBytes: Int64?
    package var cpus: Double
    package var pidsLimit: Int64
    package var readOnlyRootFilesystem: Bool
    /// Size of the `rw,noexec,nosuid` tmpfs on `/tmp`, in Docker's notation (`64m`).
    package var tmpfsSize: String
    package var dropAllCapabilities: Bool
    package var noNewPrivileges: Bool
    package var user: String
    package var seccomp: SeccompPolicy
    /// An OCI runtime registered with the engine (`runc`, ...); nil for the engine's default.
    package var runtime: String?
    /// Seconds the code may run before its container is killed.
    package var timeoutSeconds: Double

    /// The sandbox never has a network: a fixed rule of this tool, not a setting.
    package var networkMode: String { "none" }

    package init(
        engine: DockerHost = DockerHost(), image: String = SandboxProfile.defaultImage, command: [String] = ["python3"],
        memoryBytes: Int64 = 512 << 20, memorySwapBytes: Int64? = nil, cpus: Double = 0.5, pidsLimit: Int64 = 100,
        readOnlyRootFilesystem: Bool = true, tmpfsSize: String = "64m", dropAllCapabilities: Bool = true,
        noNewPrivileges: Bool = true, user: String = "1000:1000", seccomp: SeccompPolicy = .dockerDefault,
        runtime: String? = nil, timeoutSeconds: Double = 30
    ) {
        self.engine = engine
        self.image = image
        self.command = command
        self.memoryBytes = memoryBytes
        self.memorySwapBytes = memorySwapBytes
        self.cpus = cpus
        self.pidsLimit = pidsLimit
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.tmpfsSize = tmpfsSize
        self.dropAllCapabilities = dropAllCapabilities
        self.noNewPrivileges = noNewPrivileges
        self.user = user
        self.seccomp = seccomp
        self.runtime = runtime
        self.timeoutSeconds = timeoutSeconds
    }

    /// Memory plus swap as the engine takes it.
    package var effectiveMemorySwapBytes: Int64 { memorySwapBytes ?? memoryBytes }
}
