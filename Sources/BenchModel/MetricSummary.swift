/// Summary statistics of one metric's samples in one run.
package struct MetricSummary: Sendable, Codable, Hashable {
    package var metric: MetricID
    package var n: Int
    package var mean: Double
    package var median: Double
    package var min: Double
    package var max: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for a single sample.
    package var stddev: Double
    package var p95: Double
    package var unit: MetricUnit { metric.unit }
    package var direction: Direction { metric.direction }

    package init(
        metric: MetricID, n: Int, mean: Double, median: Double, min: Double, max: Double, stddev: Double, p95: Double
    ) {
        self.metric = metric
        self.n = n
        self.mean = mean
        self.median = median
        self.min = min
        self.max = max
        self.stddev = stddev
        self.p95 = p95
    }

    /// The summary of `values`, or nil when there are none.
    package init?(metric: MetricID, values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(
            metric: metric, n: values.count, mean: Statistics.mean(sorted),
            median: Statistics.quantile(sorted: sorted, 0.5),
            min: sorted.first!, max: sorted.last!, stddev: Statistics.standardDeviation(sorted),
            p95: Statistics.quantile(sorted: sorted, 0.95))
    }
}

package enum Statistics {
    package static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    package static func median(_ values: [Double]) -> Double {
        quantile(sorted: values.sorted(), 0.5)
    }

    /// The `q` quantile of already sorted values, linearly interpolated between closest ranks
    /// (the R-7 / NumPy default definition).
    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Sample standard deviation (n − 1); 0 for fewer than two values.
    package static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
