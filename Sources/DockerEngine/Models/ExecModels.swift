/// The body of `POST /containers/{id}/exec`.
public struct ExecCreateRequest: Encodable, Sendable {
    public var cmd: [String]
    public var user: String?
    public var workingDir: String?
    public var env: [String]?
    public var attachStdout: Bool
    public var attachStderr: Bool

    public init(cmd: [String], user: String? = nil, workingDir: String? = nil, env: [String]? = nil) {
        self.cmd = cmd
        self.user = user
        self.workingDir = workingDir
        self.env = env
        self.attachStdout = true
        self.attachStderr = true
    }

    enum CodingKeys: String, CodingKey {
        case cmd = "Cmd", user = "User", workingDir = "WorkingDir", env = "Env", attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr"
    }
}

/// `GET /exec/{id}/json`, the fields sandbox-bench uses.
public struct ExecInspect: Decodable, Sendable {
    public let running: Bool
    public let exitCode: Int?

    enum CodingKeys: String, CodingKey { case running = "Running", exitCode = "ExitCode" }
}
