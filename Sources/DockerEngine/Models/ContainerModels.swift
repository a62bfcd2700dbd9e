/// The body of `POST /containers/create`.
public struct ContainerCreateRequest: Encodable, Sendable, Equatable {
    public var image: String
    public var cmd: [String]
    public var user: String?
    public var workingDir: String?
    public var env: [String]?
    public var labels: [String: String]
    public var networkDisabled: Bool?
    public var hostConfig: HostConfig

    public init(
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
        case image = "Image", cmd = "Cmd", user = "User", workingDir = "WorkingDir", env = "Env", labels = "Labels"
        case networkDisabled = "NetworkDisabled", hostConfig = "HostConfig"
    }
}

/// The resource and isolation settings of a container (`HostConfig`).
public struct HostConfig: Encodable, Sendable, Equatable {
    public var networkMode: String
    public var memory: Int64?
    public var memorySwap: Int64?
    public var nanoCpus: Int64?
    public var pidsLimit: Int64?
    public var readonlyRootfs: Bool
    public var tmpfs: [String: String]?
    public var capDrop: [String]?
    public var capAdd: [String]?
    public var securityOpt: [String]?
    public var mounts: [Mount]?
    public var runtime: String?
    public var autoRemove: Bool?

    public init(
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
        case networkMode = "NetworkMode", memory = "Memory", memorySwap = "MemorySwap", nanoCpus = "NanoCpus"
        case pidsLimit = "PidsLimit", readonlyRootfs = "ReadonlyRootfs", tmpfs = "Tmpfs", capDrop = "CapDrop"
        case capAdd = "CapAdd", securityOpt = "SecurityOpt", mounts = "Mounts", runtime = "Runtime"
        case autoRemove = "AutoRemove"
    }

    /// A mount of `HostConfig.Mounts`.
    public struct Mount: Encodable, Sendable, Equatable {
        public var type: String
        public var target: String
        public var readOnly: Bool
        /// Labels of the volume the engine creates for a `volume` mount without a name.
        public var volumeLabels: [String: String]?

        public init(type: String, target: String, readOnly: Bool = false, volumeLabels: [String: String]? = nil) {
            self.type = type
            self.target = target
            self.readOnly = readOnly
            self.volumeLabels = volumeLabels
        }

        enum CodingKeys: String, CodingKey {
            case type = "Type", target = "Target", readOnly = "ReadOnly", volumeOptions = "VolumeOptions"
        }

        private struct VolumeOptions: Encodable {
            let labels: [String: String]
            enum CodingKeys: String, CodingKey { case labels = "Labels" }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(target, forKey: .target)
            try container.encode(readOnly, forKey: .readOnly)
            try container.encodeIfPresent(volumeLabels.map(VolumeOptions.init), forKey: .volumeOptions)
        }
    }
}

/// The answer of `POST /containers/create`.
public struct ContainerCreated: Decodable, Sendable {
    public let id: String

    enum CodingKeys: String, CodingKey { case id = "Id" }
}

/// The answer of `POST /containers/{id}/wait`.
public struct ContainerExit: Decodable, Sendable {
    public struct WaitError: Decodable, Sendable {
        public let message: String?
        enum CodingKeys: String, CodingKey { case message = "Message" }
    }

    public let statusCode: Int
    public let error: WaitError?

    enum CodingKeys: String, CodingKey { case statusCode = "StatusCode", error = "Error" }
}

/// `GET /containers/{id}/json`, the fields sandbox-bench uses.
public struct ContainerInspect: Decodable, Sendable {
    public struct State: Decodable, Sendable {
        public let status: String?
        public let running: Bool?
        public let oomKilled: Bool?
        public let exitCode: Int?
        public let error: String?

        enum CodingKeys: String, CodingKey {
            case status = "Status", running = "Running", oomKilled = "OOMKilled", exitCode = "ExitCode", error = "Error"
        }
    }

    /// Where the storage driver keeps the container's layers (`UpperDir`, `MergedDir`, … for overlay2).
    public struct GraphDriver: Decodable, Sendable {
        public let name: String?
        public let data: [String: String]?
        enum CodingKeys: String, CodingKey { case name = "Name", data = "Data" }
    }

    public let id: String
    public let name: String?
    public let state: State
    public let graphDriver: GraphDriver?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", state = "State", graphDriver = "GraphDriver"
    }
}

/// One entry of `GET /containers/json`.
public struct ContainerSummary: Decodable, Sendable {
    public let id: String
    public let labels: [String: String]?
    public let state: String?
    public let status: String?
    /// Unix time of creation.
    public let created: Int64?

    enum CodingKeys: String, CodingKey {
        case id = "Id", labels = "Labels", state = "State", status = "Status", created = "Created"
    }
}
