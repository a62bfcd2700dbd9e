import Logging

/// How a caller reaches an engine: the workflow's connector makes the Docker Engine API client
/// (in one place); a test's hands out an in-memory engine.
package protocol EngineConnector: Sendable {
    /// Connects to the engine at `host` and checks that it answers. The caller shuts it down.
    func connect(to host: DockerHost, deadlines: EngineDeadlines, logger: Logger) async throws -> any ContainerEngine
}

extension EngineConnector {
    /// Connects, runs `body`, and shuts the engine down whether `body` succeeded or not.
    package func withEngine<T: Sendable>(
        _ host: DockerHost, deadlines: EngineDeadlines = .default, logger: Logger,
        _ body: (any ContainerEngine) async throws -> T
    ) async throws -> T {
        let engine = try await connect(to: host, deadlines: deadlines, logger: logger)
        do {
            let value = try await body(engine)
            try? await engine.shutdown()
            return value
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }
}
