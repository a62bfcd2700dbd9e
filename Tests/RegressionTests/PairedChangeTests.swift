import BenchModel
import Foundation
import Regression
import Testing

/// Reference values from scipy 1.17.1: `wilcoxon(d, method=...)` (zero_method='wilcox',
/// correction=False); Hodges–Lehmann estimates from numpy, the median of the Walsh averages.
@Suite struct PairedChangeTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var name: String
        var differences: [Double]
        var method: WilcoxonSignedRankTest.Method
        var statistic: Double
        var p: Double
        var testDescription: String { "\(name), \(method.rawValue)" }
    }

    static let ten = [0.12, -0.03, 0.08, 0.15, 0.02, -0.07, 0.11, 0.09, 0.04, 0.13]
    static let twelveTied = [0.05, -0.02, 0.01, -0.06, 0.03, 0.04, -0.01, 0.07, -0.08, 0.02, 0.09, -0.035]
    static let tiesAndAZero = [0.1, 0.1, -0.1, 0.2, 0, 0.3, -0.2, 0.1, 0.4, 0.05]

    static let references: [Reference] = [
        Reference(name: "ten", differences: ten, method: .exact, statistic: 6, p: 0.02734375),
        Reference(name: "ten", differences: ten, method: .asymptotic, statistic: 6, p: 0.02841686417486375),
        Reference(
            name: "all positive", differences: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], method: .exact, statistic: 0, p: 0.03125),
        Reference(
            name: "all positive", differences: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], method: .asymptotic, statistic: 0,
            p: 0.027707849358079864),
        Reference(
            name: "twelve, tied", differences: twelveTied, method: .asymptotic, statistic: 31, p: 0.5299679515725745),
        Reference(
            name: "ties and a zero", differences: tiesAndAZero, method: .asymptotic, statistic: 10,
            p: 0.13481751128178945),
    ]

    @Test(arguments: references)
    func signedRankMatchesScipy(_ reference: Reference) throws {
        let test = try #require(WilcoxonSignedRankTest(reference.differences, method: reference.method))
        #expect(test.method == reference.method)
        #expect(test.statistic == reference.statistic)
        #expect(abs(test.pValue - reference.p) < 1e-12, "p = \(test.pValue), scipy \(reference.p)")
    }

    @Test func tiesOrZerosTakeTheApproximationAndNothingToRankIsNoTest() throws {
        #expect(try #require(WilcoxonSignedRankTest(Self.ten)).method == .exact)
        #expect(try #require(WilcoxonSignedRankTest(Self.twelveTied, method: .exact)).method == .asymptotic)
        #expect(try #require(WilcoxonSignedRankTest(Self.tiesAndAZero)).method == .asymptotic)
        #expect(WilcoxonSignedRankTest([0, 0, .nan]) == nil)
    }

    @Test func theEstimateIsTheHodgesLehmannOfTheLogRatios() {
        #expect(abs(PairedChange.hodgesLehmann(Self.ten) - 0.07) < 1e-12)
        let change = PairedChange(logRatios: Self.ten)
        #expect(abs(change.estimate - 0.07250818125421647) < 1e-12)
        #expect(change.pairs == 10)
        #expect(change.signedRank?.pValue == 0.02734375)
        let interval = change.interval!
        #expect(interval.lower > 0 && interval.lower < change.estimate && interval.upper > change.estimate)
    }

    @Test func samplesPairByIterationAndOnlyWhenEachIterationHasOnePositiveValue() throws {
        let a = (0..<8).map { Sample(metric: .creationTime, iteration: $0, value: 0.4) }
        var b = (0..<8).map { Sample(metric: .creationTime, iteration: $0, value: 0.44) }
        b.remove(at: 3)
        let ratios = try #require(PairedChange.logRatios(baseline: a, candidate: b))
        #expect(ratios.count == 7)
        #expect(ratios.allSatisfy { abs($0 - log(1.1)) < 1e-12 })
        #expect(PairedChange.logRatios(baseline: a + [a[0]], candidate: b) == nil)
        #expect(
            PairedChange.logRatios(baseline: a, candidate: b + [Sample(metric: .creationTime, iteration: 9, value: 0)])
                == nil)
        #expect(PairedChange(baseline: Array(a.prefix(5)), candidate: b) == nil)
    }

    // MARK: The host's regimes

    /// An interleaved A/B comparison on a host whose speed moves in regimes: each pair of
    /// iterations (A then B, or B then A, a few seconds) shares the host's factor, which stays for
    /// about ten pairs and then jumps to 1.0, 1.5 or 2.2 (creation took 0.1–0.4 s here with the
    /// host's load); each value has ±10 % of its own jitter.
    static func interleaved(pairs: Int, slowdown: Double, seed: UInt64) -> (a: [Sample], b: [Sample]) {
        var random = SplitMix64(seed: seed)
        var regime = 1.0
        var a: [Sample] = []
        var b: [Sample] = []
        for i in 0..<pairs {
            if Double.random(in: 0..<1, using: &random) < 0.1 { regime = [1.0, 1.5, 2.2][random.nextIndex(below: 3)] }
            let jitterA = 1 + Double.random(in: -0.10...0.10, using: &random)
            let jitterB = 1 + Double.random(in: -0.10...0.10, using: &random)
            a.append(Sample(metric: .creationTime, iteration: i, value: 0.33 * regime * jitterA))
            b.append(Sample(metric: .creationTime, iteration: i, value: 0.33 * slowdown * regime * jitterB))
        }
        return (a, b)
    }

    @Test func pairsSeeThroughTheHostsRegimesWhereTheSidesDoNot() throws {
        var pairedAlerts = 0
        var unpairedSignificant = 0
        var falseAlerts = 0
        let seeds: [UInt64] = Array(1...20)
        for seed in seeds {
            let slower = Self.interleaved(pairs: 20, slowdown: 1.10, seed: seed)
            let change = try #require(PairedChange(baseline: slower.a, candidate: slower.b, resamples: 200))
            if change.estimate > 0.05, (change.signedRank?.pValue ?? 1) < 0.05, (change.interval?.lower ?? 0) > 0 {
                pairedAlerts += 1
            }
            let rank = try #require(MannWhitneyTest(slower.a.map(\.value), slower.b.map(\.value)))
            if rank.pValue < 0.05 { unpairedSignificant += 1 }

            let same = Self.interleaved(pairs: 20, slowdown: 1, seed: seed &+ 1_000)
            let none = try #require(PairedChange(baseline: same.a, candidate: same.b, resamples: 200))
            if none.estimate > 0.05, (none.signedRank?.pValue ?? 1) < 0.05 { falseAlerts += 1 }
        }
        // +10 % against ±10 % jitter: 20 pairs find it every time, whatever the regimes do.
        #expect(pairedAlerts == seeds.count, "paired alerts \(pairedAlerts) of \(seeds.count)")
        // The unpaired rank test carries the regimes in both samples and misses it often.
        #expect(unpairedSignificant < pairedAlerts, "unpaired significant \(unpairedSignificant) of \(seeds.count)")
        #expect(falseAlerts <= 2, "false alerts \(falseAlerts) of \(seeds.count)")
    }

    @Test func aComparisonWithPairingJudgesByThePairs() throws {
        let run = Self.interleaved(pairs: 40, slowdown: 1.10, seed: 7)
        var configuration = RegressionConfiguration()
        configuration.noise.paired = true
        configuration.noise.requiredForAlerts = true
        let baseline = RunMeasurements(label: "A", samples: run.a)
        let candidate = RunMeasurements(label: "B", samples: run.b)
        let comparison = MetricComparison(
            metric: .creationTime, baselineRuns: [baseline], candidate: candidate, statistic: .median,
            settings: configuration.noise)
        let paired = try #require(comparison.paired)
        #expect(comparison.change == paired.estimate)
        #expect(comparison.pValue == paired.signedRank?.pValue)
        #expect(comparison.interval == paired.interval)
        #expect(comparison.isSignificant)
        #expect(abs(paired.estimate - 0.10) < 0.03)

        var limit = configuration
        limit.maxCreationSlowdown = 0.05
        let outcome = try #require(
            RunComparison(baseline: Baseline(baseline), candidate: candidate, configuration: limit).outcomes.first {
                $0.metric == .creationTime
            })
        #expect(outcome.status == .alert)
        #expect(outcome.message.contains("paired over 40 A/B pairs"))

        // Two baseline runs have no pairs: side against side, as without pairing.
        let two = MetricComparison(
            metric: .creationTime, baselineRuns: [baseline, baseline], candidate: candidate, statistic: .median,
            settings: configuration.noise)
        #expect(two.paired == nil)
        // Without the setting, nothing is paired.
        let unpaired = MetricComparison(
            metric: .creationTime, baselineRuns: [baseline], candidate: candidate, statistic: .median,
            settings: NoiseSettings())
        #expect(unpaired.paired == nil)
    }

    @Test func theSequentialTestLooksAtThePairsWhenPaired() {
        // +30 % in the host's regimes: pair by pair, clearly beyond a 10 % limit.
        let run = Self.interleaved(pairs: 40, slowdown: 1.30, seed: 11)
        var configuration = RegressionConfiguration(maxCreationSlowdown: 0.10)
        configuration.noise.paired = true
        let test = SequentialTest(looks: 5, resamples: 400)
        #expect(
            test.call(spec: "creation", baseline: run.a, candidate: run.b, configuration: configuration) == .clearAlert)
    }
}
