import EngineInterface

extension DockerEngine {
    /// `GET /_ping`: true when the daemon answers "OK".
    package func ping() async throws -> Bool {
        try await withDeadline(.GET, "/_ping", deadlines.ping) {
            let response = try await self.send(.GET, "/_ping")
            return String(buffer: try await response.body(upTo: 1024)) == "OK"
        }
    }

    /// `GET /version`.
    package func version() async throws -> VersionInfo {
        try await decode(.GET, "/version")
    }

    /// `GET /info`.
    package func info() async throws -> SystemInfo {
        try await decode(.GET, "/info")
    }
}
