import BenchModel

/// A percentile-bootstrap confidence interval of the relative change of a statistic between
/// baseline and candidate samples: (statistic(candidate) − statistic(baseline)) / |statistic(baseline)|.
package struct BootstrapInterval: Sendable, Codable, Hashable {
    /// Bounds of the relative change as fractions (0.18 = +18 %).
    package var lower: Double
    package var upper: Double
    package var confidence: Double
    package var resamples: Int

    package init(lower: Double, upper: Double, confidence: Double, resamples: Int) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.resamples = resamples
    }

    /// True when the whole interval lies on one side of zero.
    package var excludesZero: Bool { lower > 0 || upper < 0 }

    package static let defaultResamples = 2_000
    package static let defaultSeed: UInt64 = 0x5EED_0F_BE4C

    /// The interval, reproducible from `seed`; nil when a side has fewer than two samples (every
    /// resample would be the same value, and a zero-width interval would claim a certainty
    /// that one sample cannot give), or when the statistic of some resampled baseline is zero,
    /// where a relative change does not exist.
    ///
    /// Each resample draws the baseline's n₁ values, then the candidate's n₂ values, with
    /// replacement, by `SplitMix64.nextIndex(below:)`; the bounds are the R-7 quantiles
    /// (1 − confidence) / 2 and (1 + confidence) / 2 of the sorted resampled changes.
    package static func relativeChange(
        baseline: [Double], candidate: [Double], statistic: SummaryStatistic = .median,
        confidence: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> BootstrapInterval? {
        guard baseline.count >= 2, candidate.count >= 2, resamples > 0, confidence > 0, confidence < 1 else {
            return nil
        }
        var generator = SplitMix64(seed: seed)
        var changes: [Double] = []
        changes.reserveCapacity(resamples)
        var baselineDraw = baseline
        var candidateDraw = candidate
        // The median of a large side (a window of many runs) by counting ranks, not by sorting each
        // resample: the same draws and the same value, in linear time.
        var baselineMedian =
            statistic == .median && baseline.count > ResampledMedian.worthwhile ? ResampledMedian(baseline) : nil
        var candidateMedian =
            statistic == .median && candidate.count > ResampledMedian.worthwhile ? ResampledMedian(candidate) : nil
        /// One resample of `values` and its statistic.
        func resample(_ values: [Double], into draw: inout [Double], counting counted: inout ResampledMedian?)
            -> Double?
        {
            if counted != nil { return counted!.median(drawing: &generator) }
            for i in draw.indices { draw[i] = values[generator.nextIndex(below: values.count)] }
            return statistic.value(of: draw)
        }
        for _ in 0..<resamples {
            let before = resample(baseline, into: &baselineDraw, counting: &baselineMedian)
            let after = resample(candidate, into: &candidateDraw, counting: &candidateMedian)
            guard let before, let after, before != 0 else { return nil }
            changes.append((after - before) / abs(before))
        }
        changes.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(
            lower: Statistics.quantile(sorted: changes, tail), upper: Statistics.quantile(sorted: changes, 1 - tail),
            confidence: confidence, resamples: resamples)
    }
}

/// The median of resamples (with replacement, as many values as the sample has) of one sample:
/// each draw counts the rank of the value drawn, and the median is read off the counts, the way
/// `Statistics.median` reads it off the sorted resample — so the result is the same, in O(n)
/// instead of O(n log n) per resample.
struct ResampledMedian {
    /// Below this many values, sorting each resample is as quick.
    static let worthwhile = 64

    private let sortedValues: [Double]
    /// The position in `sortedValues` of each value of the sample.
    private let rank: [Int]
    private var counts: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        sortedValues = order.map { values[$0] }
        var rank = [Int](repeating: 0, count: values.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        self.rank = rank
        counts = [Int](repeating: 0, count: values.count)
    }

    /// Draws one resample from `generator` and returns its median.
    mutating func median(drawing generator: inout SplitMix64) -> Double {
        let n = rank.count
        for _ in 0..<n { counts[rank[generator.nextIndex(below: n)]] += 1 }
        let position = 0.5 * Double(n - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, n - 1)
        var (seen, low, high) = (0, Double.nan, Double.nan)
        for position in 0..<n where counts[position] > 0 {
            let next = seen + counts[position]
            if low.isNaN, lower < next { low = sortedValues[position] }
            if upper < next {
                high = sortedValues[position]
                break
            }
            seen = next
        }
        for index in counts.indices { counts[index] = 0 }
        return low + (high - low) * (position - Double(lower))
    }
}
