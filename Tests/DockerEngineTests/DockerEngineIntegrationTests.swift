import DockerEngine
import Foundation
import TestSupport
import Testing

/// Against the real engine. Under CI (SANDBOX_BENCH_REQUIRE_DOCKER=1) these run and fail when no engine answers.
@Suite(.enabled(if: DockerRequirement.shouldRun), .serialized)
struct DockerEngineIntegrationTests {
    static let host = DockerHost(socketPath: DockerRequirement.socketPath)

    @Test func negotiatesTheDaemonsAPIVersion() async throws {
        try await DockerEngine.withEngine(host: Self.host) { engine in
            let version = try await engine.version()
            let server = try #require(APIVersion(version.apiVersion))
            #expect(engine.apiVersion == min(server, DockerEngine.maximumAPIVersion))
            #expect(engine.apiVersion >= DockerEngine.minimumAPIVersion)
            #expect(try await engine.ping())
            let info = try await engine.info()
            #expect(info.driver?.isEmpty == false)
            #expect(info.defaultRuntime?.isEmpty == false)
        }
    }

    @Test func aMissingImageIsNamedInTheError() async throws {
        let name = "sandbox-bench/does-not-exist:\(UUID().uuidString.prefix(8).lowercased())"
        try await DockerEngine.withEngine(host: Self.host) { engine in
            await #expect(throws: DockerEngineError.imageNotFound(name)) { try await engine.inspectImage(name) }
        }
    }

    @Test func aSocketWithoutADaemonIsReportedWithItsPathAndTheFix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.file("nothing.sock")
        do {
            _ = try await DockerEngine.connect(host: DockerHost(socketPath: socket))
            Issue.record("connected to a socket nobody listens on")
        } catch let error as DockerEngineError {
            guard case .daemonUnreachable(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == socket)
            #expect(error.description.contains(socket))
            #expect(error.description.contains("Scripts/setup.sh"))
            #expect(!error.description.contains("\n"))
        }
    }
}
