/// What a run ran on. Two runs are comparable when the fields that can move the figures agree.
public struct EnvironmentFingerprint: Sendable, Codable, Hashable {
    public var host: String
    public var cpuModel: String
    public var cpuCount: Int
    public var memoryBytes: Int64
    public var kernel: String
    public var os: String
    public var dockerVersion: String
    public var apiVersion: String
    public var containerdVersion: String
    public var runcVersion: String
    public var storageDriver: String
    public var cgroupVersion: String
    public var defaultRuntime: String
    public var imageID: String
    public var seccompProfileHash: String

    public init(
        host: String = "", cpuModel: String = "", cpuCount: Int = 0, memoryBytes: Int64 = 0, kernel: String = "",
        os: String = "", dockerVersion: String = "", apiVersion: String = "", containerdVersion: String = "",
        runcVersion: String = "", storageDriver: String = "", cgroupVersion: String = "", defaultRuntime: String = "",
        imageID: String = "", seccompProfileHash: String = ""
    ) {
        self.host = host
        self.cpuModel = cpuModel
        self.cpuCount = cpuCount
        self.memoryBytes = memoryBytes
        self.kernel = kernel
        self.os = os
        self.dockerVersion = dockerVersion
        self.apiVersion = apiVersion
        self.containerdVersion = containerdVersion
        self.runcVersion = runcVersion
        self.storageDriver = storageDriver
        self.cgroupVersion = cgroupVersion
        self.defaultRuntime = defaultRuntime
        self.imageID = imageID
        self.seccompProfileHash = seccompProfileHash
    }

    /// One field that differs between two fingerprints, named for a person.
    public struct Difference: Sendable, Codable, Hashable {
        public var field: String
        public var baseline: String
        public var current: String
    }

    /// The fields that can move the figures, with a readable name each. The host name is
    /// deliberately absent: a renamed machine measures the same.
    public static let comparedFields: [(name: String, value: @Sendable (EnvironmentFingerprint) -> String)] = [
        ("Docker version", { $0.dockerVersion }),
        ("API version", { $0.apiVersion }),
        ("containerd version", { $0.containerdVersion }),
        ("runc version", { $0.runcVersion }),
        ("kernel", { $0.kernel }),
        ("OS", { $0.os }),
        ("storage driver", { $0.storageDriver }),
        ("cgroup version", { $0.cgroupVersion }),
        ("default runtime", { $0.defaultRuntime }),
        ("CPU count", { String($0.cpuCount) }),
        ("CPU model", { $0.cpuModel }),
        ("memory", { String($0.memoryBytes) }),
        ("image id", { $0.imageID }),
        ("seccomp profile", { $0.seccompProfileHash }),
    ]

    /// The figure-moving fields in which `current` differs from `self`.
    public func differences(to current: EnvironmentFingerprint) -> [Difference] {
        Self.comparedFields.compactMap { field in
            let a = field.value(self)
            let b = field.value(current)
            return a == b ? nil : Difference(field: field.name, baseline: a, current: b)
        }
    }
}
