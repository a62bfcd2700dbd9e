import AsyncHTTPClient
import EngineInterface
import Foundation
import NIOCore

extension DockerEngine {
    /// `POST /containers/create`. `name` lets the caller remove the container by name even when
    /// the answer to this request is lost (cancellation, timeout).
    package func createContainer(_ request: ContainerCreateRequest, name: String?) async throws
        -> ContainerCreated
    {
        do {
            return try await decode(
                .POST, "/containers/create", query: name.map { [("name", $0)] } ?? [], json: request)
        } catch let error as DockerEngineError where error.hasStatus(404) {
            if case .api(_, let message, _) = error, message.lowercased().contains("no such image") {
                throw DockerEngineError.imageNotFound(request.image)
            }
            throw error
        }
    }

    /// `POST /containers/{id}/start`.
    package func startContainer(_ id: String) async throws {
        try await perform(.POST, "/containers/\(id)/start")
    }

    /// `POST /containers/{id}/wait`: returns when the container has stopped running, or throws
    /// when `deadline` passes first. Cancel the calling task to stop waiting.
    package func waitContainer(_ id: String, deadline: Duration) async throws -> ContainerExit {
        try await decode(.POST, "/containers/\(id)/wait", query: [("condition", "not-running")], deadline: deadline)
    }

    /// `GET /containers/{id}/logs` of a container without a TTY, demultiplexed.
    package func containerLogs(_ id: String, limit: Int) async throws -> DemultiplexedOutput {
        try await withDeadline(.GET, "/containers/\(id)/logs") {
            let response = try await self.send(
                .GET, "/containers/\(id)/logs", query: [("stdout", "1"), ("stderr", "1"), ("follow", "0")])
            return try await Self.demultiplex(response, limit: limit)
        }
    }

    /// `GET /containers/{id}/json`.
    package func inspectContainer(_ id: String) async throws -> ContainerInspect {
        try await decode(.GET, "/containers/\(id)/json")
    }

    package func containerStats(_ id: String) async throws -> ContainerStats {
        try await decode(.GET, "/containers/\(id)/stats", query: [("stream", "false"), ("one-shot", "true")])
    }

    /// `POST /containers/{id}/kill`. A container that already stopped is not an error.
    package func killContainer(_ id: String, signal: String) async throws {
        do {
            try await perform(.POST, "/containers/\(id)/kill", query: [("signal", signal)])
        } catch let error as DockerEngineError where error.hasStatus(409) {
            return  // "is not running"
        }
    }

    /// `DELETE /containers/{id}?force=1&v=1`: stops it if needed and removes it with its anonymous volumes.
    /// Returns false when no such container exists (already removed).
    @discardableResult
    package func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws -> Bool {
        do {
            try await perform(
                .DELETE, "/containers/\(id)", query: [("force", force ? "1" : "0"), ("v", removeVolumes ? "1" : "0")])
            return true
        } catch let error as DockerEngineError where error.hasStatus(404) {
            return false
        }
    }

    /// `GET /containers/json?all=1`, filtered by labels (`key=value` or `key`).
    package func listContainers(labels: [String]) async throws -> [ContainerSummary] {
        let filters = try String(decoding: Self.jsonEncoder.encode(["label": labels]), as: UTF8.self)
        return try await decode(.GET, "/containers/json", query: [("all", "1"), ("filters", filters)])
    }

    /// `PUT /containers/{id}/archive?path=…`: extracts a tar archive into `path` inside the container.
    /// On a container with a read-only root filesystem, `path` must lie on a volume.
    package func uploadArchive(_ tar: [UInt8], to id: String, path: String) async throws {
        try await withDeadline(.PUT, "/containers/\(id)/archive") {
            let response = try await self.send(
                .PUT, "/containers/\(id)/archive", query: [("path", path)], body: ByteBuffer(bytes: tar),
                contentType: "application/x-tar")
            _ = try await response.body(upTo: Self.jsonBodyLimit)
        }
    }

    static func demultiplex(_ response: EngineResponse, limit: Int) async throws -> DemultiplexedOutput {
        var decoder = MultiplexedStreamDecoder()
        var output = DemultiplexedOutput(limit: limit)
        do {
            for try await buffer in response.body {
                for chunk in try decoder.feed(buffer.readableBytesView) {
                    output.append(chunk)
                }
            }
        } catch {
            throw streamError(error, request: response.request, socketPath: response.socketPath)
        }
        try decoder.finish()
        return output
    }
}
