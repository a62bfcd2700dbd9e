import DockerEngine

/// How a sandbox container is configured: the engine it runs on, image, command and every
/// isolation and resource limit. The defaults are the original project's executor's.
///
/// This one type is what the command line builds, what a run stores (as JSON, see
/// `SandboxProfile+Codable.swift`), what `profile show` prints and `ab` reads, and what becomes the
/// engine's create request (`SandboxProfile+CreateRequest.swift`). A new setting is a field here,
/// its coding key, and its place in the create request.
public struct SandboxProfile: Sendable, Equatable {
    /// The tag `Scripts/setup.sh` builds from Debian packages.
    public static let defaultImage = "sandbox-bench/python:bookworm"

    /// The engine the sandbox runs on. Two profiles with different engines compare two engines
    /// side by side (an engine upgrade).
    public var engine: DockerHost
    public var image: String
    /// The interpreter; the path of the code file is appended.
    public var command: [String]
    public var memoryBytes: Int64
    /// Memory plus swap (Docker's `MemorySwap`); equal to `memoryBytes` (no swap) unless set.
    public var memorySwapBytes: Int64?
    public var cpus: Double
    public var pidsLimit: Int64
    public var readOnlyRootFilesystem: Bool
    /// Size of the `rw,noexec,nosuid` tmpfs on `/tmp`, in Docker's notation (`64m`).
    public var tmpfsSize: String
    public var dropAllCapabilities: Bool
    public var noNewPrivileges: Bool
    public var user: String
    public var seccomp: SeccompPolicy
    /// An OCI runtime registered with the engine (`runc`, ...); nil for the engine's default.
    public var runtime: String?
    /// Seconds the code may run before its container is killed.
    public var timeoutSeconds: Double

    /// The sandbox never has a network: a fixed rule of this tool, not a setting.
    public var networkMode: String { "none" }

    public init(
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
    public var effectiveMemorySwapBytes: Int64 { memorySwapBytes ?? memoryBytes }
}
