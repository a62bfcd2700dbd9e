/// `GET /version`.
public struct VersionInfo: Decodable, Sendable {
    public struct Component: Decodable, Sendable {
        public let name: String
        public let version: String
        public let details: [String: String]?

        enum CodingKeys: String, CodingKey {
            case name = "Name", version = "Version", details = "Details"
        }
    }

    public let version: String
    public let apiVersion: String
    public let os: String?
    public let kernelVersion: String?
    public let components: [Component]?

    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "ApiVersion", os = "Os"
        case kernelVersion = "KernelVersion", components = "Components"
    }

    /// The version of a component the engine reports (`containerd`, `runc`, ...), or nil.
    public func componentVersion(_ name: String) -> String? {
        components?.first { $0.name.lowercased() == name.lowercased() }?.version
    }
}

/// `GET /info`, the fields the fingerprint and `doctor` use.
public struct SystemInfo: Decodable, Sendable {
    public struct Commit: Decodable, Sendable {
        public let id: String?
        enum CodingKeys: String, CodingKey { case id = "ID" }
    }

    public let driver: String?
    public let cgroupDriver: String?
    public let cgroupVersion: String?
    public let defaultRuntime: String?
    public let kernelVersion: String?
    public let operatingSystem: String?
    public let containerdCommit: Commit?
    public let runcCommit: Commit?

    enum CodingKeys: String, CodingKey {
        case driver = "Driver", cgroupDriver = "CgroupDriver", cgroupVersion = "CgroupVersion"
        case defaultRuntime = "DefaultRuntime", kernelVersion = "KernelVersion", operatingSystem = "OperatingSystem"
        case containerdCommit = "ContainerdCommit", runcCommit = "RuncCommit"
    }
}

/// `GET /images/{name}/json`, the fields sandbox-bench uses.
public struct ImageInspect: Decodable, Sendable {
    public let id: String
    public let size: Int64?
    public let created: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", size = "Size", created = "Created"
    }
}

/// One line of the progress stream of `POST /images/create`.
public struct PullProgress: Decodable, Sendable {
    public let status: String?
    public let id: String?
    public let progress: String?
    public let error: String?
}
