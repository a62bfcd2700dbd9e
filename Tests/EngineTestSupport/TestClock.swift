import EngineInterface
import Synchronization

/// A clock that moves only when told: by the in-memory engine's latency on each call, by
/// ``advance(by:)``, and by whoever sleeps on it (a removal's retry delay passes at once, and
/// counts). Every duration read from it is exact, so a test checks a spec's arithmetic exactly.
package final class TestClock: MeasuringClock {
    private let origin = ContinuousClock.now
    private let elapsed = Mutex<Duration>(.zero)

    package init() {}

    package var now: ContinuousClock.Instant { origin + elapsed.withLock { $0 } }

    /// How far the clock has moved since it was made.
    package var time: Duration { elapsed.withLock { $0 } }

    package func advance(by duration: Duration) {
        elapsed.withLock { $0 += duration }
    }

    /// Moves the clock by `duration` and returns: nothing waits in real time.
    package func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
        await Task.yield()
    }
}
