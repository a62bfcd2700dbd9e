import BenchModel

/// Where the Docker engine listens. Only Unix sockets are supported: the sandbox engine is local
/// by design, and its API must never be exposed over TCP.
package struct DockerHost: Sendable, Hashable, CustomStringConvertible {
    package static let defaultSocketPath = "/var/run/docker.sock"

    package let socketPath: String

    package init(socketPath: String = DockerHost.defaultSocketPath) {
        self.socketPath = socketPath
    }

    /// Reads `DOCKER_HOST` (`unix:///path`); the default socket when it is unset or empty.
    package init(environment: [String: String]) throws(DockerEngineError) {
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

    package var description: String { "unix://\(socketPath)" }

    /// The one rule for the engine a sandbox profile runs on, wherever a profile is made or read
    /// (the command line's options, a profile file, `profile show`): the profile's own `engine`
    /// when it names one, else `DOCKER_HOST`, else the default socket. A named engine that is not
    /// a local socket throws ``DockerEngineError/unsupportedHost(_:)`` as `DOCKER_HOST` does.
    package static func forProfile(named engine: String?, environment: [String: String]) throws(DockerEngineError)
        -> DockerHost
    {
        if let engine { return try DockerHost(environment: ["DOCKER_HOST": engine]) }
        return try DockerHost(environment: environment)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

extension DockerHost {
    /// Whether the engine's socket accepts a new connection now. An engine that is shutting down
    /// closes its listener first but goes on answering, with errors, on connections already
    /// open; only a new connection tells that it is going away. Never blocks: a full backlog
    /// counts as accepting.
    package func acceptsConnections() -> Bool {
        guard case .refused(let code) = connectOnce() else { return true }
        return code != ECONNREFUSED && code != ENOENT && code != ENOTDIR
    }

    /// Why a client cannot connect to the socket, in words, or nil when it can: the first thing
    /// to know about an engine that does not answer, before any client library's own wording.
    package func connectionProblem() -> String? {
        var status = stat()
        guard stat(socketPath, &status) == 0 else {
            return errno == EACCES
                ? "this user may not reach the folder it is in: permission denied" : "no socket file exists there"
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            return status.st_mode & S_IFMT == S_IFDIR ? "it is a folder, not a socket" : "it is a file, not a socket"
        }
        switch connectOnce() {
        case .connected, .noSocket: return nil
        case .pathTooLong(let room):
            return "its path is longer than the \(room - 1) bytes a Unix socket's path may have"
        case .refused(EACCES), .refused(EPERM): return "this user may not connect to it: permission denied"
        case .refused(ECONNREFUSED): return "nothing accepts connections on it: no engine is running there"
        case .refused(EAGAIN), .refused(EINPROGRESS): return nil
        case .refused(let code): return String(cString: strerror(code))
        }
    }

    private enum ConnectAttempt {
        case connected
        /// No socket could be made here: nothing is known about the engine.
        case noSocket
        case pathTooLong(room: Int)
        case refused(errno: Int32)
    }

    /// One non-blocking connect to the socket.
    private func connectOnce() -> ConnectAttempt {
        let descriptor = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .noSocket }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        let room = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < room else { return .pathTooLong(room: room) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0 ? .connected : .refused(errno: errno)
    }
}
