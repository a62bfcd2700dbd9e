import AsyncHTTPClient
import EngineInterface
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// A client of the Docker Engine API over a Unix socket: the ``ContainerEngine`` of every
/// command that measures.
///
/// Connect with ``connect(host:logger:)``, which pings the daemon and negotiates the API version,
/// and call ``shutdown()`` when done (or use ``withEngine(host:logger:_:)``).
package final class DockerEngine: ContainerEngine {
    /// The oldest API version this client uses (Docker 20.10 speaks 1.41).
    package static let minimumAPIVersion = APIVersion(major: 1, minor: 41)
    /// The newest API version this client knows; a newer daemon is addressed with this one.
    package static let maximumAPIVersion = APIVersion(major: 1, minor: 47)

    package let host: DockerHost
    /// The API version requests are sent with: the daemon's, capped at ``maximumAPIVersion``.
    package let apiVersion: APIVersion
    /// How long each call may take.
    package let deadlines: EngineDeadlines
    let client: HTTPClient
    let logger: Logger
    let outage = EngineOutage()

    /// When a call first found the engine gone (a connection refused or broken off): where an
    /// outage began, which a wait for the engine to come back measures from. Nil while none has.
    package var firstUnreachable: ContinuousClock.Instant? { outage.firstUnreachable }

    package func acceptsConnections() -> Bool { host.acceptsConnections() }

    private init(
        host: DockerHost, apiVersion: APIVersion, deadlines: EngineDeadlines, client: HTTPClient, logger: Logger
    ) {
        self.host = host
        self.apiVersion = apiVersion
        self.deadlines = deadlines
        self.client = client
        self.logger = logger
    }

    /// Connects to the daemon on `host`, checks that it answers, and negotiates the API version.
    package static func connect(
        host: DockerHost, deadlines: EngineDeadlines = .default, logger: Logger = Logger(label: "sandbox-bench.docker")
    ) async throws -> DockerEngine {
        // No socket, a file that is not one, no permission, nobody listening: say which, at once,
        // rather than after a connect timeout and in the HTTP client's words.
        if let problem = host.connectionProblem() {
            throw DockerEngineError.daemonUnreachable(socketPath: host.socketPath, reason: problem)
        }
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(3)
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        // Parallel specs hold one long-polling `wait` per container, plus their other calls.
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        do {
            let probe = DockerEngine(
                host: host, apiVersion: minimumAPIVersion, deadlines: deadlines, client: client, logger: logger)
            let serverVersion = try await probe.pingAPIVersion()
            guard serverVersion >= minimumAPIVersion else {
                throw DockerEngineError.unsupportedAPIVersion(
                    server: serverVersion.description, minimum: minimumAPIVersion.description)
            }
            let negotiated = min(serverVersion, maximumAPIVersion)
            logger.debug("connected to \(host), API \(negotiated)")
            return DockerEngine(
                host: host, apiVersion: negotiated, deadlines: deadlines, client: client, logger: logger)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Connects, runs `body`, and shuts the client down whether `body` succeeded or not.
    @discardableResult
    package static func withEngine<T: Sendable>(
        host: DockerHost, deadlines: EngineDeadlines = .default, logger: Logger = Logger(label: "sandbox-bench.docker"),
        _ body: (DockerEngine) async throws -> T
    ) async throws -> T {
        let engine = try await connect(host: host, deadlines: deadlines, logger: logger)
        do {
            let value = try await body(engine)
            try await engine.shutdown()
            return value
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    package func shutdown() async throws {
        try await client.shutdown()
    }

    /// Pings the daemon and reads the API version it speaks from the `API-Version` header.
    private func pingAPIVersion() async throws -> APIVersion {
        let header = try await withDeadline(.GET, "/_ping", deadlines.ping) {
            let response = try await self.send(.GET, "/_ping", versioned: false)
            _ = try await response.body(upTo: 1024)
            return response.headers.first(name: "API-Version")
        }
        guard let header, let version = APIVersion(header) else {
            // Daemons older than 1.25 do not send the header; /version tells.
            let version: VersionInfo = try await decode(.GET, "/version", versioned: false, deadline: deadlines.ping)
            guard let parsed = APIVersion(version.apiVersion) else {
                throw DockerEngineError.invalidResponse(
                    request: "GET /version", reason: "API version \(version.apiVersion)")
            }
            return parsed
        }
        return version
    }
}
