/// How long each kind of engine call may take before the client gives up on it. A hung engine
/// (a runtime that blocks, a daemon that stopped answering) must never hang the tool: every call
/// has a deadline, and a missed one is ``DockerEngineError/deadlineExceeded(request:seconds:)``.
/// The defaults are generous: a healthy engine answers in milliseconds.
package struct EngineDeadlines: Sendable, Hashable {
    /// `GET /_ping` and the version handshake of `connect`.
    package var ping: Duration
    /// Every other call: create, start, remove, inspect, list, logs, upload, exec, volumes.
    package var call: Duration
    /// What a wait for a container's exit may take beyond the sandbox's own timeout.
    package var waitMargin: Duration
    /// Pulling an image.
    package var pull: Duration

    package init(
        ping: Duration = .seconds(5), call: Duration = .seconds(60), waitMargin: Duration? = nil,
        pull: Duration = .seconds(1800)
    ) {
        self.ping = ping
        self.call = call
        self.waitMargin = waitMargin ?? call
        self.pull = pull
    }

    /// Deadlines for calls of `seconds`: ping gets the smaller of that and 5 s, a wait that much beyond its timeout.
    package init(callSeconds seconds: Double) {
        let call = Duration.milliseconds(Int64((seconds * 1000).rounded()))
        self.init(ping: min(.seconds(5), call), call: call)
    }

    package static let `default` = EngineDeadlines()

    /// The range `--engine-deadline` accepts, in seconds.
    package static let callSecondsRange: ClosedRange<Double> = 1...3600
}

extension Duration {
    /// Seconds as a `Double`, for messages.
    package var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
