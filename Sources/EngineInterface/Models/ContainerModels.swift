/// The body of `POST /containers/create`.
package struct ContainerCreateRequest: Encodable, Sendable, Equatable {
    package var image: String
    package var cmd: [String]
    package var user: String?
    package var workingDir: String?
    package var env: [String]?
    package var labels: [String: String]
    package var networkDisabled: Bool?
    package var hostConfig: HostConfig

    package init(
        image: String, cmd: [String], user: String? = nil, workingDir: String? = nil, env: [String]? = nil,
        labels: [String: String] = [:], networkDisabled: Bool? = nil, hostConfig: HostConfig
    ) {
        self.image = image
        self.cmd = cmd
        self.user = user
        self.workingDir = workingDir
        self.env = env
        self.labels = labels
        self.networkDisabled = networkDisabled
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image"
        case cmd = "Cmd"
        case user = "User"
        case workingDir = "WorkingDir"
        case env = "Env"
        case labels = "Labels"
        case networkDisabled = "NetworkDisabled"
        case hostConfig = "HostConfig"
    }
}

/// The resource and isolation settings of a container (`HostConfig`).
package struct HostConfig: Encodable, Sendable, Equatable {
    package var networkMode: String
    package var memory: Int64?
    package var memorySwap: Int64?
    package var nanoCpus: Int64?
    package var pidsLimit: Int64?
    package var readonlyRootfs: Bool
    package var tmpfs: [String: String]?
    package var capDrop: [String]?
    package var capAdd: [String]?
    package var securityOpt: [String]?
    package var mounts: [Mount]?
    package var runtime: String?
    package var autoRemove: Bool?

    package init(
        networkMode: String, memory: Int64? = nil, memorySwap: Int64? = nil, nanoCpus: Int64? = nil,
        pidsLimit: Int64? = nil, readonlyRootfs: Bool = false, tmpfs: [String: String]? = nil, capDrop: [String]? = nil,
        capAdd: [String]? = nil, securityOpt: [String]? = nil, mounts: [Mount]? = nil, runtime: String? = nil,
        autoRemove: Bool? = nil
    ) {
        self.networkMode = networkMode
        self.memory = memory
        self.memorySwap = memorySwap
        self.nanoCpus = nanoCpus
        self.pidsLimit = pidsLimit
        self.readonlyRootfs = readonlyRootfs
        self.tmpfs = tmpfs
        self.capDrop = capDrop
        self.capAdd = capAdd
        self.securityOpt = securityOpt
        self.mounts = mounts
        self.runtime = runtime
        self.autoRemove = autoRemove
    }

    enum CodingKeys: String, CodingKey {
        case networkMode = "NetworkMode"
        case memory = "Memory"
        case memorySwap = "MemorySwap"
        case nanoCpus = "NanoCpus"
        case pidsLimit = "PidsLimit"
        case readonlyRootfs = "ReadonlyRootfs"
        case tmpfs = "Tmpfs"
        case capDrop = "CapDrop"
        case capAdd = "CapAdd"
        case securityOpt = "SecurityOpt"
        case mounts = "Mounts"
        case runtime = "Runtime"
        case autoRemove = "AutoRemove"
    }

    /// A mount of `HostConfig.Mounts`.
    package struct Mount: Encodable, Sendable, Equatable {
        package var type: String
        package var target: String
        package var readOnly: Bool
        /// Labels of the volume the engine creates for a `volume` mount without a name.
        package var volumeLabels: [String: String]?

        package init(type: String, target: String, readOnly: Bool = false, volumeLabels: [String: String]? = nil) {
            self.type = type
            self.target = target
            self.readOnly = readOnly
            self.volumeLabels = volumeLabels
        }

        enum CodingKeys: String, CodingKey {
            case type = "Type"
            case target = "Target"
            case readOnly = "ReadOnly"
            case volumeOptions = "VolumeOptions"
        }

        private struct VolumeOptions: Encodable {
            let labels: [String: String]
            enum CodingKeys: String, CodingKey { case labels = "Labels" }
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(target, forKey: .target)
            try container.encode(readOnly, forKey: .readOnly)
            try container.encodeIfPresent(volumeLabels.map(VolumeOptions.init), forKey: .volumeOptions)
        }
    }
}

/// The answer of `POST /containers/create`.
package struct ContainerCreated: Decodable, Sendable {
    package let id: String

    package init(id: String) { self.id = id }

    enum CodingKeys: String, CodingKey { case id = "Id" }
}

/// The answer of `POST /containers/{id}/wait`.
package struct ContainerExit: Decodable, Sendable {
    package struct WaitError: Decodable, Sendable {
        package let message: String?
        enum CodingKeys: String, CodingKey { case message = "Message" }

        package init(message: String?) { self.message = message }
    }

    package let statusCode: Int
    package let error: WaitError?

    package init(statusCode: Int, error: WaitError? = nil) {
        self.statusCode = statusCode
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case statusCode = "StatusCode"
        case error = "Error"
    }
}

/// `GET /containers/{id}/json`, the fields sandbox-bench uses.
package struct ContainerInspect: Decodable, Sendable {
    package struct State: Decodable, Sendable {
        package let status: String?
        package let running: Bool?
        package let oomKilled: Bool?
        package let exitCode: Int?
        package let error: String?

        package init(
            status: String?, running: Bool?, oomKilled: Bool?, exitCode: Int?, error: String? = nil
        ) {
            self.status = status
            self.running = running
            self.oomKilled = oomKilled
            self.exitCode = exitCode
            self.error = error
        }

        enum CodingKeys: String, CodingKey {
            case status = "Status"
            case running = "Running"
            case oomKilled = "OOMKilled"
            case exitCode = "ExitCode"
            case error = "Error"
        }
    }

    /// Where the storage driver keeps the container's layers (`UpperDir`, `MergedDir`, … for overlay2).
    package struct GraphDriver: Decodable, Sendable {
        package let name: String?
        package let data: [String: String]?
        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case data = "Data"
        }
    }

    /// The settings the engine applied (`HostConfig`), the fields the isolation probe reads.
    package struct AppliedHostConfig: Decodable, Sendable, Equatable {
        package let runtime: String?
        package let networkMode: String?
        package let readonlyRootfs: Bool?
        package let securityOpt: [String]?
        package let nanoCpus: Int64?
        package let cpuQuota: Int64?
        package let cpuPeriod: Int64?

        package init(
            runtime: String?, networkMode: String?, readonlyRootfs: Bool?, securityOpt: [String]?, nanoCpus: Int64?,
            cpuQuota: Int64? = nil, cpuPeriod: Int64? = nil
        ) {
            self.runtime = runtime
            self.networkMode = networkMode
            self.readonlyRootfs = readonlyRootfs
            self.securityOpt = securityOpt
            self.nanoCpus = nanoCpus
            self.cpuQuota = cpuQuota
            self.cpuPeriod = cpuPeriod
        }

        enum CodingKeys: String, CodingKey {
            case runtime = "Runtime"
            case networkMode = "NetworkMode"
            case readonlyRootfs = "ReadonlyRootfs"
            case securityOpt = "SecurityOpt"
            case nanoCpus = "NanoCpus"
            case cpuQuota = "CpuQuota"
            case cpuPeriod = "CpuPeriod"
        }
    }

    package let id: String
    package let name: String?
    package let state: State
    package let graphDriver: GraphDriver?
    package let hostConfig: AppliedHostConfig?

    package init(
        id: String, name: String?, state: State, graphDriver: GraphDriver? = nil, hostConfig: AppliedHostConfig? = nil
    ) {
        self.id = id
        self.name = name
        self.state = state
        self.graphDriver = graphDriver
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case state = "State"
        case graphDriver = "GraphDriver"
        case hostConfig = "HostConfig"
    }
}

/// One entry of `GET /containers/json`.
package struct ContainerSummary: Decodable, Sendable {
    package let id: String
    /// The container's names, each with a leading slash (`/sandbox-bench-4-1a2b3c4d`).
    package let names: [String]?
    package let labels: [String: String]?
    package let state: String?
    package let status: String?
    /// Unix time of creation.
    package let created: Int64?

    package init(
        id: String, names: [String]?, labels: [String: String]?, state: String?, status: String?, created: Int64?
    ) {
        self.id = id
        self.names = names
        self.labels = labels
        self.state = state
        self.status = status
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case names = "Names"
        case labels = "Labels"
        case state = "State"
        case status = "Status"
        case created = "Created"
    }
}
