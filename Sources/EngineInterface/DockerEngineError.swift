import BenchModel

/// What can go wrong talking to the Docker engine. Each description is one neutral line saying
/// what happened; the command line adds what to do about it.
package enum DockerEngineError: Error, CategorizedError, Equatable {
    /// `DOCKER_HOST` names something other than a local Unix socket.
    case unsupportedHost(String)
    /// Nothing answers on the socket.
    case daemonUnreachable(socketPath: String, reason: String)
    /// The daemon speaks an API older than this client can use.
    case unsupportedAPIVersion(server: String, minimum: String)
    /// The image is not present on the engine.
    case imageNotFound(String)
    /// Pulling the image failed (no registry reachable, unknown name, ...).
    case pullFailed(image: String, message: String)
    /// The daemon answered a request with an error status.
    case api(status: Int, message: String, request: String)
    /// The daemon's answer could not be understood.
    case invalidResponse(request: String, reason: String)
    /// The multiplexed output stream ended in the middle of a frame, or was not multiplexed.
    case malformedStream(String)
    /// The engine did not answer a request within its deadline (see `EngineDeadlines`).
    case deadlineExceeded(request: String, seconds: Double)

    package var kind: FailureKind {
        switch self {
        case .unsupportedHost, .daemonUnreachable, .unsupportedAPIVersion, .imageNotFound, .pullFailed, .api,
            .invalidResponse, .malformedStream, .deadlineExceeded:
            return .environment
        }
    }

    /// True when the engine itself failed — it hangs past a deadline, or it went away — rather
    /// than refusing one request: every further call would fail the same way, so a run stops.
    package var isEngineFault: Bool {
        switch self {
        case .daemonUnreachable, .deadlineExceeded: return true
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .unsupportedHost(let value) where value.hasPrefix("unix://"):
            return
                "DOCKER_HOST=\(Credentials.redacted(value)) names a Unix socket by a relative path; sandbox-bench needs its absolute path (unix:///var/run/docker.sock)."
        case .unsupportedHost(let value):
            return
                "DOCKER_HOST=\(Credentials.redacted(value)) is not supported: sandbox-bench talks to a local engine over a Unix socket only."
        case .daemonUnreachable(let socketPath, let reason):
            return "The Docker engine is not reachable on \(socketPath) (\(reason))."
        case .unsupportedAPIVersion(let server, let minimum):
            return "The Docker engine speaks API \(server), older than the \(minimum) sandbox-bench needs."
        case .imageNotFound(let image):
            return "The sandbox image \(image) is not on the engine."
        case .pullFailed(let image, let message):
            return "Pulling \(image) failed: \(message)."
        case .api(let status, let message, let request):
            return "The Docker engine refused \(request) with status \(status): \(message)."
        case .invalidResponse(let request, let reason):
            return "The Docker engine's answer to \(request) could not be read (\(reason))."
        case .malformedStream(let reason):
            return "The container output stream is malformed: \(reason)."
        case .deadlineExceeded(let request, let seconds):
            return "The Docker engine did not answer \(request) within \(Self.seconds(seconds)) s."
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// True for an API error with the given status (404 "no such container", 409 "conflict", ...).
    package func hasStatus(_ status: Int) -> Bool {
        if case .api(let s, _, _) = self { return s == status }
        return false
    }
}

extension DockerEngineError {
    /// True for a call that missed its deadline.
    package var isDeadline: Bool {
        if case .deadlineExceeded = self { return true }
        return false
    }
}
