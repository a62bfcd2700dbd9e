import BenchModel

/// The clock a sandbox's phases and a spec's wall times are read from, and its pauses (a
/// removal's retry delay) are taken on: the monotonic clock for a real engine
/// (``MonotonicClock``), a clock the test moves for an in-memory one, so that every duration a
/// spec computes is exact. Deadlines are not measurements: they always run on the real clock.
package protocol MeasuringClock: Sendable {
    /// Now, on the monotonic timeline.
    var now: ContinuousClock.Instant { get }
    /// Suspends for `duration` of this clock's time.
    func sleep(for duration: Duration) async throws
}

/// The monotonic clock: wall-clock adjustments never move a timing.
package struct MonotonicClock: MeasuringClock {
    package init() {}

    package var now: ContinuousClock.Instant { ContinuousClock.now }

    package func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// Measures the time since it was made, on one clock.
package struct Stopwatch: Sendable {
    private let clock: any MeasuringClock
    private let start: ContinuousClock.Instant

    package init(_ clock: any MeasuringClock) {
        self.clock = clock
        start = clock.now
    }

    package var elapsed: Duration { clock.now - start }

    package var seconds: Double { elapsed.seconds }
}
