import BenchModel

/// Measures elapsed time with the monotonic clock; wall-clock adjustments never move a timing.
struct Stopwatch: Sendable {
    private static let clock = ContinuousClock()
    private let start = Stopwatch.clock.now

    init() {}

    var seconds: Double { (Self.clock.now - start).seconds }
}

/// Times `body` and returns its value with the seconds it took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (value: T, seconds: Double) {
    let stopwatch = Stopwatch()
    let value = try await body()
    return (value, stopwatch.seconds)
}
