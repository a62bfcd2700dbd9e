import DockerEngine
import Testing

@Suite struct DockerHostTests {
    @Test func defaultsToTheStandardSocket() throws {
        #expect(try DockerHost(environment: [:]).socketPath == "/var/run/docker.sock")
        #expect(try DockerHost(environment: ["DOCKER_HOST": ""]).socketPath == "/var/run/docker.sock")
    }

    @Test func readsAUnixSocketPath() throws {
        #expect(try DockerHost(environment: ["DOCKER_HOST": "unix:///run/user/1000/docker.sock"]).socketPath == "/run/user/1000/docker.sock")
    }

    @Test(arguments: ["tcp://127.0.0.1:2375", "ssh://user@host", "unix://relative.sock", "/var/run/docker.sock"])
    func rejectsAnythingButAnAbsoluteUnixSocket(value: String) {
        #expect(throws: DockerEngineError.unsupportedHost(value)) { try DockerHost(environment: ["DOCKER_HOST": value]) }
        let message = DockerEngineError.unsupportedHost(value).description
        #expect(message.contains(value) && message.contains("Unix socket"))
    }
}
