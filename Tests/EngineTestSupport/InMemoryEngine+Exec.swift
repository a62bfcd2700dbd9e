import EngineInterface

extension InMemoryEngine {
    package func createExec(in containerID: String, _ request: ExecCreateRequest) async throws -> String {
        try await call(.createExec, "POST", "/containers/\(containerID)/exec", container: containerID) { record in
            let container = try self.existing(containerID, record)
            guard container.status == .running else {
                throw DockerEngineError.api(
                    status: 409, message: "container \(container.id) is not running", request: record.request)
            }
            let id = self.makeID("exec")
            self.state.withLock { $0.execs[id] = StoredExec(containerID: container.id, command: request.cmd) }
            return id
        }
    }

    package func startExec(_ execID: String, limit: Int, deadline: Duration) async throws -> DemultiplexedOutput {
        try await call(.startExec, "POST", "/exec/\(execID)/start", deadline: deadline) { record in
            let (exec, container) = try self.state.withLock { state in
                guard let exec = state.execs[execID] else {
                    throw DockerEngineError.api(
                        status: 404, message: "No such exec instance: \(execID)", request: record.request)
                }
                guard let container = state.containers[exec.containerID], container.status == .running else {
                    throw DockerEngineError.api(
                        status: 409, message: "container \(exec.containerID) is not running", request: record.request)
                }
                return (exec, container)
            }
            var output = DemultiplexedOutput(limit: limit)
            let status: Int
            switch self.run(exec.command, in: container, isExec: true) {
            case .exits(let code, let stdout, let stderr, _):
                output.append(Array(stdout.utf8), to: .stdout)
                output.append(Array(stderr.utf8), to: .stderr)
                status = code
            case .runsUntilKilled(let stdout):
                output.append(Array(stdout.utf8), to: .stdout)
                status = 137
            case .cannotStart(let message):
                output.append(Array("OCI runtime exec failed: \(message)\n".utf8), to: .stdout)
                status = 126
            }
            self.state.withLock { $0.execs[execID]?.exitCode = status }
            return output
        }
    }

    package func inspectExec(_ execID: String) async throws -> ExecInspect {
        try await call(.inspectExec, "GET", "/exec/\(execID)/json") { record in
            try self.state.withLock { state in
                guard let exec = state.execs[execID] else {
                    throw DockerEngineError.api(
                        status: 404, message: "No such exec instance: \(execID)", request: record.request)
                }
                return ExecInspect(running: exec.running, exitCode: exec.exitCode)
            }
        }
    }
}
