import EngineInterface
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DockerHostTests {
    @Test func defaultsToTheStandardSocket() throws {
        #expect(try DockerHost(environment: [:]).socketPath == "/var/run/docker.sock")
        #expect(try DockerHost(environment: ["DOCKER_HOST": ""]).socketPath == "/var/run/docker.sock")
    }

    @Test func readsAUnixSocketPath() throws {
        #expect(
            try DockerHost(environment: ["DOCKER_HOST": "unix:///run/user/1000/docker.sock"]).socketPath
                == "/run/user/1000/docker.sock")
    }

    @Test(arguments: ["tcp://127.0.0.1:2375", "ssh://user@host", "unix://relative.sock", "/var/run/docker.sock"])
    func rejectsAnythingButAnAbsoluteUnixSocket(value: String) {
        #expect(throws: DockerEngineError.unsupportedHost(value)) {
            try DockerHost(environment: ["DOCKER_HOST": value])
        }
        let message = DockerEngineError.unsupportedHost(value).description
        #expect(message.contains(value) && message.contains("Unix socket"))
    }

    /// Why nothing answers, in words: no file, a file or a folder that is not a socket, a socket
    /// nobody listens on, a path too long for a socket.
    @Test func saysWhyASocketCannotBeReached() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sb-host-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/file", contents: Data())
        // A socket that was bound and closed: its file stays, and nothing accepts on it.
        let closed = folder + "/closed.sock"
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(closed.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(descriptor)
        #expect(bound == 0)
        for (path, says) in [
            (folder + "/missing", "no socket file exists there"), (folder + "/file", "it is a file, not a socket"),
            (folder + "/dir", "it is a folder, not a socket"), (closed, "nothing accepts connections on it"),
        ] {
            #expect(DockerHost(socketPath: path).connectionProblem()?.contains(says) == true, "\(path)")
        }
    }
}
