import DockerEngine
import EngineInterface
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Against the real engine. Under CI (SANDBOX_BENCH_REQUIRE_DOCKER=1) these run and fail when no engine answers.
@Suite(.needsDockerEngine, .serialized)
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
}

/// No engine needed: what a user sees when there is none.
@Suite struct DaemonUnreachableTests {
    @Test func aMissingSocketIsReportedWithItsPathAndTheFix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Self.expectUnreachable(directory.file("nothing.sock"))
    }

    @Test func aSocketNobodyListensOnIsReportedTheSameWay() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A socket file whose listener is gone, as after dockerd was killed.
        let socket = directory.file("stale.sock")
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socket.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(fd)
        try await Self.expectUnreachable(socket)
    }

    /// Connecting to `socket` fails with a one-line, neutral "daemon unreachable" naming the socket;
    /// the command line adds the fix (see the end-to-end tests).
    static func expectUnreachable(_ socket: String) async throws {
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
            #expect(!error.description.contains("Scripts/setup.sh"))
            #expect(!error.description.contains("\n"))
        }
    }
}
