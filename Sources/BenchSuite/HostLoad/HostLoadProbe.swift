import BenchModel

/// Where an attempt learns the host's foreign load over an iteration (``HostLoad``):
/// ``ForeignLoadMeter`` on a real host, a scripted one in tests. A mark is taken before an
/// iteration and compared after it — never inside a measured section.
package protocol HostLoadProbe: Sendable {
    associatedtype Mark: Sendable
    func mark() -> Mark
    /// The foreign load since `mark`; nil when it cannot be known (no engine process found).
    func load(since mark: Mark) -> HostLoad?
}

/// A probe of any kind, so that a context can hold one.
package struct AnyHostLoadProbe: Sendable {
    private let take: @Sendable () -> @Sendable () -> HostLoad?

    package init<Probe: HostLoadProbe>(_ probe: Probe) {
        take = {
            let mark = probe.mark()
            return { probe.load(since: mark) }
        }
    }

    /// Starts an interval now; calling the result ends it.
    package func start() -> @Sendable () -> HostLoad? { take() }

    /// See ``HostLoadProbe/waitForQuiet(upTo:window:)``.
    package func waitForQuiet(upTo limit: Duration, window: Duration = .milliseconds(500)) async -> HostLoad? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            let end = start()
            do { try await Task.sleep(for: window) } catch { return nil }
            guard let load = end() else { return nil }
            if !load.isBusy || clock.now >= deadline { return load }
        }
    }
}
