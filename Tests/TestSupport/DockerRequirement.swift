import EngineInterface
import Foundation
import Testing

/// Decides whether tests that need the Docker engine run. Under CI (`SANDBOX_BENCH_REQUIRE_DOCKER=1`,
/// set by `.ci/run`) they always run, so a missing engine fails them instead of skipping them.
/// Elsewhere they run when an engine answers on the socket.
package enum DockerRequirement {
    package static let environmentVariable = "SANDBOX_BENCH_REQUIRE_DOCKER"

    package static var isRequired: Bool {
        ProcessInfo.processInfo.environment[environmentVariable] == "1"
    }

    /// The socket path from `DOCKER_HOST` (unix:// only), or the default.
    package static var socketPath: String {
        let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? ""
        return host.hasPrefix("unix://") ? String(host.dropFirst("unix://".count)) : "/var/run/docker.sock"
    }

    /// True when tests that need Docker should run: always under CI, otherwise when the socket accepts a connection.
    package static var shouldRun: Bool {
        isRequired || socketAcceptsConnections(socketPath)
    }

    /// True when a daemon listens on `path` now.
    static func socketAcceptsConnections(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path) && DockerHost(socketPath: path).acceptsConnections()
    }
}

extension Trait where Self == ConditionTrait {
    /// A test or suite that needs the Docker engine: skipped, saying so, where none answers; under
    /// CI (`SANDBOX_BENCH_REQUIRE_DOCKER=1`) it always runs, and a missing engine fails it.
    package static var needsDockerEngine: Self {
        .enabled(
            if: DockerRequirement.shouldRun,
            Comment(
                rawValue: "needs a Docker engine, and none answers on \(DockerRequirement.socketPath) "
                    + "(with \(DockerRequirement.environmentVariable)=1 it runs, and fails without one)"))
    }
}
