/// `GET /version`.
package struct VersionInfo: Decodable, Sendable {
    package struct Component: Decodable, Sendable {
        package let name: String
        package let version: String
        package let details: [String: String]?

        package init(name: String, version: String, details: [String: String]? = nil) {
            self.name = name
            self.version = version
            self.details = details
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case version = "Version"
            case details = "Details"
        }
    }

    package let version: String
    package let apiVersion: String
    package let os: String?
    package let kernelVersion: String?
    package let components: [Component]?

    package init(
        version: String, apiVersion: String, os: String? = nil, kernelVersion: String? = nil,
        components: [Component]? = nil
    ) {
        self.version = version
        self.apiVersion = apiVersion
        self.os = os
        self.kernelVersion = kernelVersion
        self.components = components
    }

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case apiVersion = "ApiVersion"
        case os = "Os"
        case kernelVersion = "KernelVersion"
        case components = "Components"
    }

    /// The version of a component the engine reports (`containerd`, `runc`, ...), or nil.
    package func componentVersion(_ name: String) -> String? {
        components?.first { $0.name.lowercased() == name.lowercased() }?.version
    }
}

/// `GET /info`, the fields the fingerprint and `doctor` use.
package struct SystemInfo: Decodable, Sendable {
    package struct Commit: Decodable, Sendable {
        package let id: String?
        enum CodingKeys: String, CodingKey { case id = "ID" }

        package init(id: String?) { self.id = id }
    }

    /// The daemon's data folder: two daemons never share one, two sockets of one daemon give the
    /// same. (Its `ID` does not tell daemons apart: daemons of one host derive it from one key.)
    package let rootDirectory: String?
    package let driver: String?
    package let cgroupDriver: String?
    package let cgroupVersion: String?
    package let defaultRuntime: String?
    package let kernelVersion: String?
    package let operatingSystem: String?
    package let containerdCommit: Commit?
    package let runcCommit: Commit?
    /// The OCI runtimes registered with the engine, by name (`runc`, `runsc`, …).
    package let runtimes: [String: Runtime]?
    /// The host's memory in bytes and its CPUs, as the engine sees them.
    package let memTotal: Int64?
    package let cpuCount: Int?

    package struct Runtime: Decodable, Sendable {
        /// The runtime's executable, a path or a name looked up in the engine's PATH.
        package let path: String?

        package init(path: String?) { self.path = path }
    }

    package init(
        rootDirectory: String? = nil, driver: String? = nil, cgroupDriver: String? = nil, cgroupVersion: String? = nil,
        defaultRuntime: String? = nil, kernelVersion: String? = nil, operatingSystem: String? = nil,
        containerdCommit: Commit? = nil, runcCommit: Commit? = nil, runtimes: [String: Runtime]? = nil,
        memTotal: Int64? = nil, cpuCount: Int? = nil
    ) {
        self.runtimes = runtimes
        self.memTotal = memTotal
        self.cpuCount = cpuCount
        self.rootDirectory = rootDirectory
        self.driver = driver
        self.cgroupDriver = cgroupDriver
        self.cgroupVersion = cgroupVersion
        self.defaultRuntime = defaultRuntime
        self.kernelVersion = kernelVersion
        self.operatingSystem = operatingSystem
        self.containerdCommit = containerdCommit
        self.runcCommit = runcCommit
    }

    enum CodingKeys: String, CodingKey {
        case rootDirectory = "DockerRootDir"
        case driver = "Driver"
        case cgroupDriver = "CgroupDriver"
        case cgroupVersion = "CgroupVersion"
        case defaultRuntime = "DefaultRuntime"
        case kernelVersion = "KernelVersion"
        case operatingSystem = "OperatingSystem"
        case containerdCommit = "ContainerdCommit"
        case runcCommit = "RuncCommit"
        case runtimes = "Runtimes"
        case memTotal = "MemTotal"
        case cpuCount = "NCPU"
    }
}

/// `GET /images/{name}/json`, the fields sandbox-bench uses.
package struct ImageInspect: Decodable, Sendable {
    package let id: String
    package let size: Int64?
    package let created: String?

    package init(id: String, size: Int64?, created: String? = nil) {
        self.id = id
        self.size = size
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case size = "Size"
        case created = "Created"
    }
}

/// One line of the progress stream of `POST /images/create`.
package struct PullProgress: Decodable, Sendable {
    package let status: String?
    package let id: String?
    package let progress: String?
    package let error: String?

    package init(status: String?, id: String? = nil, progress: String? = nil, error: String? = nil) {
        self.status = status
        self.id = id
        self.progress = progress
        self.error = error
    }
}
