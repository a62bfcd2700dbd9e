import EngineInterface
import Foundation
import NIOCore

extension DockerEngine {
    /// `GET /images/{name}/json`; ``DockerEngineError/imageNotFound(_:)`` when the engine does not have it.
    package func inspectImage(_ name: String) async throws -> ImageInspect {
        do {
            return try await decode(.GET, "/images/\(Self.pathComponent(name))/json")
        } catch let error as DockerEngineError where error.hasStatus(404) {
            throw DockerEngineError.imageNotFound(name)
        }
    }

    /// `POST /images/create?fromImage=…`: pulls `reference`, calling `progress` for every line of
    /// the daemon's progress stream. The stream reports failures in-band, as `{"error": …}`.
    package func pullImage(_ reference: String, progress: @escaping @Sendable (PullProgress) -> Void)
        async throws
    {
        try await withDeadline(.POST, "/images/create", deadlines.pull) {
            try await self.pull(reference, progress: progress)
        }
    }

    private func pull(_ reference: String, progress: @Sendable (PullProgress) -> Void) async throws {
        let (name, tag) = Self.splitReference(reference)
        let response: EngineResponse
        do {
            response = try await send(.POST, "/images/create", query: [("fromImage", name), ("tag", tag)])
        } catch let error as DockerEngineError {
            if case .api(_, let message, _) = error {
                throw DockerEngineError.pullFailed(image: reference, message: message)
            }
            throw error
        }
        var pending: [UInt8] = []
        for try await buffer in response.body {
            pending.append(contentsOf: buffer.readableBytesView)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                try Self.handlePullLine(line, image: reference, progress: progress)
            }
        }
        if !pending.isEmpty {
            try Self.handlePullLine(pending, image: reference, progress: progress)
        }
    }

    private static func handlePullLine(
        _ line: [UInt8], image: String, progress: @Sendable (PullProgress) -> Void
    ) throws {
        guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }),
            let event = try? jsonDecoder.decode(PullProgress.self, from: Data(line))
        else { return }
        if let error = event.error {
            throw DockerEngineError.pullFailed(image: image, message: error)
        }
        progress(event)
    }

    /// Splits `repo/name:tag` (or `name@sha256:…`) into name and tag; the tag defaults to `latest`.
    static func splitReference(_ reference: String) -> (name: String, tag: String) {
        if let at = reference.firstIndex(of: "@") {
            return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
        }
        if let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }

    /// Percent-encodes one path component (image names contain `/` and `:`).
    static func pathComponent(_ text: String) -> String {
        percentEncode(text)
    }
}
