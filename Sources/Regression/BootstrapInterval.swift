import BenchModel

/// A percentile-bootstrap confidence interval of the relative change of a statistic between
/// baseline and candidate samples: (statistic(candidate) − statistic(baseline)) / |statistic(baseline)|.
public struct BootstrapInterval: Sendable, Codable, Hashable {
    /// Bounds of the relative change as fractions (0.18 = +18 %).
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    public var resamples: Int

    public init(lower: Double, upper: Double, confidence: Double, resamples: Int) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.resamples = resamples
    }

    /// True when the whole interval lies on one side of zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }

    public static let defaultResamples = 2_000
    public static let defaultSeed: UInt64 = 0x5EED_0F_BE4C

    /// The interval, reproducible from `seed`; nil when a side has fewer than two samples (every
    /// resample would be the same value, and a zero-width interval would claim a certainty
    /// that one sample cannot give), or when the statistic of some resampled baseline is zero,
    /// where a relative change does not exist.
    ///
    /// Each resample draws the baseline's n₁ values, then the candidate's n₂ values, with
    /// replacement, by `SplitMix64.nextIndex(below:)`; the bounds are the R-7 quantiles
    /// (1 − confidence) / 2 and (1 + confidence) / 2 of the sorted resampled changes.
    public static func relativeChange(
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
        for _ in 0..<resamples {
            for i in baselineDraw.indices { baselineDraw[i] = baseline[generator.nextIndex(below: baseline.count)] }
            for i in candidateDraw.indices { candidateDraw[i] = candidate[generator.nextIndex(below: candidate.count)] }
            guard let before = statistic.value(of: baselineDraw), let after = statistic.value(of: candidateDraw),
                before != 0
            else { return nil }
            changes.append((after - before) / abs(before))
        }
        changes.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(
            lower: Statistics.quantile(sorted: changes, tail), upper: Statistics.quantile(sorted: changes, 1 - tail),
            confidence: confidence, resamples: resamples)
    }
}
