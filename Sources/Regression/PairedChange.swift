import BenchModel
import Foundation

/// B against A pair by pair, for an interleaved A/B comparison: each measured iteration i of B
/// is set against iteration i of A, which ran next to it in the same ABBA block (A B when i is
/// even, B A when odd). A regime of the shared host that lasts tens of seconds moves both
/// values of a pair alike, so their log-ratio log(Bᵢ / Aᵢ) keeps the sandboxes' difference and
/// loses most of the host's; comparing all of A with all of B (the unpaired Mann–Whitney test
/// and bootstrap) keeps the host's regimes in the spread of both sides.
///
/// The change is exp(HL) − 1, HL the Hodges–Lehmann estimate of the log-ratios (the median of
/// all pairwise means of the log-ratios, themselves included); its interval is the percentile
/// bootstrap of that estimate over resampled pairs; its test the Wilcoxon signed-rank test of
/// the log-ratios (two-sided), which tests exactly the centre HL estimates.
package struct PairedChange: Sendable, Codable, Hashable {
    /// Pairs compared: iterations measured on both sides, each once, with positive values.
    package var pairs: Int
    /// The relative change of B against A as a fraction (0.1 = B 10 % higher).
    package var estimate: Double
    package var interval: BootstrapInterval?
    package var signedRank: WilcoxonSignedRankTest?

    /// Fewer pairs than this are not compared pairwise.
    package static let minimumPairs = 6

    /// The paired change of `candidate` against `baseline`, their samples matched by iteration;
    /// nil when the samples do not pair (an iteration with several samples on a side, a value that
    /// is not positive, which no log-ratio describes) or fewer than `minimumPairs` iterations pair.
    package init?(
        baseline: [Sample], candidate: [Sample], confidence: Double = 0.95,
        resamples: Int = BootstrapInterval.defaultResamples, seed: UInt64 = BootstrapInterval.defaultSeed
    ) {
        guard let ratios = Self.logRatios(baseline: baseline, candidate: candidate), ratios.count >= Self.minimumPairs
        else { return nil }
        self.init(logRatios: ratios, confidence: confidence, resamples: resamples, seed: seed)
    }

    /// The paired change from the log-ratios log(Bᵢ / Aᵢ) themselves.
    package init(
        logRatios: [Double], confidence: Double = 0.95, resamples: Int = BootstrapInterval.defaultResamples,
        seed: UInt64 = BootstrapInterval.defaultSeed
    ) {
        pairs = logRatios.count
        estimate = expm1(Self.hodgesLehmann(logRatios))
        signedRank = WilcoxonSignedRankTest(logRatios)
        interval = Self.bootstrap(logRatios, confidence: confidence, resamples: resamples, seed: seed)
    }

    /// log(Bᵢ / Aᵢ) for every iteration i measured once on each side, in iteration order; nil when
    /// some iteration has several samples on a side or a value is not a positive finite number.
    package static func logRatios(baseline: [Sample], candidate: [Sample]) -> [Double]? {
        guard let before = byIteration(baseline), let after = byIteration(candidate) else { return nil }
        return before.keys.filter { after[$0] != nil }.sorted().map { log(after[$0]! / before[$0]!) }
    }

    private static func byIteration(_ samples: [Sample]) -> [Int: Double]? {
        var values: [Int: Double] = [:]
        for sample in samples {
            guard sample.value.isFinite, sample.value > 0, values[sample.iteration] == nil else { return nil }
            values[sample.iteration] = sample.value
        }
        return values
    }

    /// The median of the Walsh averages (xᵢ + xⱼ) / 2, i ≤ j.
    package static func hodgesLehmann(_ values: [Double]) -> Double {
        var averages: [Double] = []
        averages.reserveCapacity(values.count * (values.count + 1) / 2)
        for i in values.indices {
            for j in i..<values.count { averages.append((values[i] + values[j]) / 2) }
        }
        averages.sort()
        return Statistics.quantile(sorted: averages, 0.5)
    }

    /// Each resample draws n pairs with replacement (`SplitMix64.nextIndex(below:)`); the bounds
    /// are the R-7 quantiles of the resampled estimates, as relative changes. nil below two pairs.
    static func bootstrap(_ ratios: [Double], confidence: Double, resamples: Int, seed: UInt64) -> BootstrapInterval? {
        guard ratios.count >= 2, resamples > 0, confidence > 0, confidence < 1 else { return nil }
        var generator = SplitMix64(seed: seed)
        var draw = ratios
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for i in draw.indices { draw[i] = ratios[generator.nextIndex(below: ratios.count)] }
            estimates.append(hodgesLehmann(draw))
        }
        estimates.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(
            lower: expm1(Statistics.quantile(sorted: estimates, tail)),
            upper: expm1(Statistics.quantile(sorted: estimates, 1 - tail)), confidence: confidence, resamples: resamples
        )
    }
}
