/// The body of `POST /containers/{id}/exec`.
package struct ExecCreateRequest: Encodable, Sendable {
    package var cmd: [String]
    package var user: String?
    package var workingDir: String?
    package var env: [String]?
    package var attachStdout: Bool
    package var attachStderr: Bool

    package init(cmd: [String], user: String? = nil, workingDir: String? = nil, env: [String]? = nil) {
        self.cmd = cmd
        self.user = user
        self.workingDir = workingDir
        self.env = env
        self.attachStdout = true
        self.attachStderr = true
    }

    enum CodingKeys: String, CodingKey {
        case cmd = "Cmd"
        case user = "User"
        case workingDir = "WorkingDir"
        case env = "Env"
        case attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr"
    }
}

/// `GET /exec/{id}/json`, the fields sandbox-bench uses.
package struct ExecInspect: Decodable, Sendable {
    package let running: Bool
    package let exitCode: Int?

    package init(running: Bool, exitCode: Int?) {
        self.running = running
        self.exitCode = exitCode
    }

    enum CodingKeys: String, CodingKey {
        case running = "Running"
        case exitCode = "ExitCode"
    }
}
