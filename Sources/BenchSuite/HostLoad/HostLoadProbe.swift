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
    /// How long one look at the host lasts while waiting for it to be quiet.
    package let window: Duration

    /// How long a busy iteration waits for a quiet host before it is measured again.
    package let retakeWait: Duration

    /// A half-second window: long enough for the ticks of `/proc` (10 ms) to say little about
    /// noise, short enough that a quiet host is seen at once. Five seconds of waiting before a
    /// re-take: a neighbour's burst passes, a host that stays busy costs each busy iteration no more.
    package init<Probe: HostLoadProbe>(
        _ probe: Probe, window: Duration = .milliseconds(500), retakeWait: Duration = .seconds(5)
    ) {
        self.window = window
        self.retakeWait = retakeWait
        take = {
            let mark = probe.mark()
            return { probe.load(since: mark) }
        }
    }

    /// Starts an interval now; calling the result ends it.
    package func start() -> @Sendable () -> HostLoad? { take() }

    /// Looks at the host one ``window`` at a time until a window is quiet (not ``HostLoad/isBusy``:
    /// neither its foreign load nor its I/O wait above their limits) or `limit` has passed, and
    /// returns the last window's load; nil when the load cannot be measured or the task is
    /// cancelled. One window at least.
    package func waitForQuiet(upTo limit: Duration) async -> HostLoad? {
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
