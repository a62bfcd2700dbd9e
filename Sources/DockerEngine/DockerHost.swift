import BenchModel

/// Where the Docker engine listens. Only Unix sockets are supported: the sandbox engine is local
/// by design, and its API must never be exposed over TCP.
public struct DockerHost: Sendable, Hashable, CustomStringConvertible {
    public static let defaultSocketPath = "/var/run/docker.sock"

    public let socketPath: String

    public init(socketPath: String = DockerHost.defaultSocketPath) {
        self.socketPath = socketPath
    }

    /// Reads `DOCKER_HOST` (`unix:///path`); the default socket when it is unset or empty.
    public init(environment: [String: String]) throws(DockerEngineError) {
        guard let value = environment["DOCKER_HOST"], !value.isEmpty else {
            self.init()
            return
        }
        guard value.hasPrefix("unix://") else {
            throw .unsupportedHost(value)
        }
        let path = String(value.dropFirst("unix://".count))
        guard path.hasPrefix("/") else {
            throw .unsupportedHost(value)
        }
        self.init(socketPath: path)
    }

    public var description: String { "unix://\(socketPath)" }
}
