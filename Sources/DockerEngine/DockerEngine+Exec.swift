import EngineInterface
import NIOCore
import NIOFoundationCompat

extension DockerEngine {
    /// `POST /containers/{id}/exec`: prepares a command in a running container; returns the exec id.
    package func createExec(in containerID: String, _ request: ExecCreateRequest) async throws -> String {
        struct Created: Decodable { let Id: String }
        let created: Created = try await decode(.POST, "/containers/\(containerID)/exec", json: request)
        return created.Id
    }

    /// `POST /exec/{id}/start`: runs the command and returns its output once it exits, or throws
    /// when `deadline` passes first.
    ///
    /// The daemon answers with the raw multiplexed stream and closes the connection when the
    /// command ends, so the body is read to its end.
    package func startExec(_ execID: String, limit: Int, deadline: Duration) async throws
        -> DemultiplexedOutput
    {
        struct Start: Encodable {
            let Detach = false
            let Tty = false
        }
        let body = try ByteBuffer(data: Self.jsonEncoder.encode(Start()))
        return try await withDeadline(.POST, "/exec/\(execID)/start", deadline) {
            let response = try await self.send(.POST, "/exec/\(execID)/start", body: body)
            return try await Self.demultiplex(response, limit: limit)
        }
    }

    /// `GET /exec/{id}/json`.
    package func inspectExec(_ execID: String) async throws -> ExecInspect {
        try await decode(.GET, "/exec/\(execID)/json")
    }
}
