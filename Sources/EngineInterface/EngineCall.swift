import Synchronization

/// The deadline behaviour every engine shares, real or in memory: one call (the request and
/// reading its answer) ends within its deadline or throws
/// ``DockerEngineError/deadlineExceeded(request:seconds:)`` as soon as the deadline passes —
/// without waiting for an exchange that does not end when it is cancelled — and a call that
/// found the engine gone (``DockerEngineError/daemonUnreachable(socketPath:reason:)``) marks
/// where the outage began (``EngineOutage``). Both are engine faults
/// (``DockerEngineError/isEngineFault``): a run stops on them.
package enum EngineCall {
    package static func run<T: Sendable>(
        _ request: String, within limit: Duration, outage: EngineOutage,
        _ exchange: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await Deadline.run(
                within: limit,
                expired: { DockerEngineError.deadlineExceeded(request: request, seconds: limit.secondsValue) },
                exchange)
        } catch DockerEngineError.daemonUnreachable(let socketPath, let reason) {
            outage.noteUnreachable()
            throw DockerEngineError.daemonUnreachable(socketPath: socketPath, reason: reason)
        }
    }

    /// "POST /containers/1a2b3c4d5e6f/start": the request as messages name it, with 64-hex-digit
    /// ids cut to Docker's 12-digit short form.
    package static func name(_ method: String, _ path: String) -> String {
        "\(method) \(shortened(path))"
    }

    static func shortened(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.count == 64 && segment.allSatisfy(\.isHexDigit) ? segment.prefix(12) : segment
        }.joined(separator: "/")
    }
}

/// When a call first found an engine gone (a connection refused or broken off): where an outage
/// began, which a wait for the engine to come back measures from, on the real clock.
package final class EngineOutage: Sendable {
    private let first = Mutex<ContinuousClock.Instant?>(nil)

    package init() {}

    /// Nil while no call has found the engine gone.
    package var firstUnreachable: ContinuousClock.Instant? { first.withLock { $0 } }

    /// Notes that a call found the engine gone, now, unless an earlier one did.
    package func noteUnreachable() {
        let now = ContinuousClock.now
        first.withLock { $0 = $0 ?? now }
    }
}
