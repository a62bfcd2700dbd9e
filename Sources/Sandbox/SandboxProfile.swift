import DockerEngine

/// How a sandbox container is configured: image, command and every isolation and resource limit.
/// The defaults are the original project's executor's; every field can be overridden.
public struct SandboxProfile: Sendable, Codable, Equatable {
    /// The tag `Scripts/setup.sh` builds from Debian packages.
    public static let defaultImage = "sandbox-bench/python:bookworm"

    public var image: String
    /// The interpreter; the path of the code file is appended.
    public var command: [String]
    public var memoryBytes: Int64
    /// Memory plus swap; equal to `memoryBytes` (no swap) unless set.
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
    /// An OCI runtime registered with the daemon (`runc`, ...); nil for the daemon's default.
    public var runtime: String?
    /// Seconds the code may run before its container is killed.
    public var timeoutSeconds: Double

    /// The sandbox never has a network: a fixed rule of this tool, not a setting.
    public var networkMode: String { "none" }

    public init(
        image: String = SandboxProfile.defaultImage, command: [String] = ["python3"], memoryBytes: Int64 = 512 << 20,
        memorySwapBytes: Int64? = nil, cpus: Double = 0.5, pidsLimit: Int64 = 100, readOnlyRootFilesystem: Bool = true,
        tmpfsSize: String = "64m", dropAllCapabilities: Bool = true, noNewPrivileges: Bool = true,
        user: String = "1000:1000", seccomp: SeccompPolicy = .dockerDefault, runtime: String? = nil,
        timeoutSeconds: Double = 30
    ) {
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
}

/// Which seccomp filter confines the sandbox.
public enum SeccompPolicy: Sendable, Codable, Equatable {
    /// The daemon's built-in default profile.
    case dockerDefault
    /// No seccomp filter at all.
    case unconfined
    /// A profile file in Docker's JSON format; `json` is its contents, sent inline as the API requires.
    case profile(path: String, json: String)

    /// A short name for tables and metric names: `default`, `unconfined`, `profile`.
    public var name: String {
        switch self {
        case .dockerDefault: return "default"
        case .unconfined: return "unconfined"
        case .profile: return "profile"
        }
    }

    /// The `SecurityOpt` entry, or nil for the daemon's default.
    var securityOption: String? {
        switch self {
        case .dockerDefault: return nil
        case .unconfined: return "seccomp=unconfined"
        case .profile(_, let json): return "seccomp=\(json)"
        }
    }

    /// SHA-256 of what confines the sandbox: the profile file's bytes, or the policy's name.
    public var fingerprint: String {
        switch self {
        case .dockerDefault, .unconfined: return name
        case .profile(_, let json): return "sha256:" + SHA256.hex(of: Array(json.utf8))
        }
    }
}
