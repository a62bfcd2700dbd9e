import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Decides whether tests that need the Docker engine run. Under CI (`SANDBOX_BENCH_REQUIRE_DOCKER=1`,
/// set by `.ci/run`) they always run, so a missing engine fails them instead of skipping them.
/// Elsewhere they run when an engine answers on the socket.
public enum DockerRequirement {
    public static let environmentVariable = "SANDBOX_BENCH_REQUIRE_DOCKER"

    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment[environmentVariable] == "1"
    }

    /// The socket path from `DOCKER_HOST` (unix:// only), or the default.
    public static var socketPath: String {
        let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? ""
        return host.hasPrefix("unix://") ? String(host.dropFirst("unix://".count)) : "/var/run/docker.sock"
    }

    /// True when tests that need Docker should run: always under CI, otherwise when the socket accepts a connection.
    public static var shouldRun: Bool {
        isRequired || socketAcceptsConnections(socketPath)
    }

    static func socketAcceptsConnections(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
