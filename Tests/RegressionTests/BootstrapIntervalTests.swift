import Regression
import Testing

/// Reference bounds from an independent Python implementation of the same procedure:
///
///     def boot(b, c, stat, conf=0.95, B=2000, seed=42):
///         g = SplitMix64(seed); changes = []
///         for _ in range(B):
///             bs = [b[(g.next() * len(b)) >> 64] for _ in b]
///             cs = [c[(g.next() * len(c)) >> 64] for _ in c]
///             sb, sc = stat(bs), stat(cs)      # numpy.median, or a left-to-right sum / n
///             changes.append((sc - sb) / abs(sb))
///         t = (1 - conf) / 2
///         return numpy.percentile(changes, 100 * t), numpy.percentile(changes, 100 * (1 - t))
@Suite struct BootstrapIntervalTests {
    static let baseline = [0.412, 0.398, 0.431, 0.405, 0.421, 0.417, 0.409, 0.426]
    static let candidate = [0.512, 0.401, 0.498, 0.530, 0.415, 0.466, 0.489, 0.444, 0.507]

    @Test func splitMix64MatchesTheReferenceSequence() {
        // Vigna's splitmix64.c, seeded with 1234567.
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func indicesAreTheHighWordOfTheProduct() {
        var generator = SplitMix64(seed: 42)
        #expect((0..<10).map { _ in generator.nextIndex(below: 10) } == [7, 1, 2, 3, 0, 8, 2, 8, 3, 6])
    }

    @Test func medianIntervalMatchesReference() throws {
        let interval = try #require(
            BootstrapInterval.relativeChange(
                baseline: Self.baseline, candidate: Self.candidate, statistic: .median, confidence: 0.95,
                resamples: 2000, seed: 42))
        #expect(abs(interval.lower - 0.010962241169305735) < 1e-12)
        #expect(abs(interval.upper - 0.24112607099143216) < 1e-12)
        #expect(interval.resamples == 2000)
        #expect(interval.excludesZero)
    }

    @Test func meanIntervalMatchesReference() throws {
        let interval = try #require(
            BootstrapInterval.relativeChange(
                baseline: Self.baseline, candidate: Self.candidate, statistic: .mean, resamples: 2000, seed: 42))
        #expect(abs(interval.lower - 0.07276765363779981) < 1e-12)
        #expect(abs(interval.upper - 0.207600425160952) < 1e-12)
    }

    @Test func otherLevelSeedAndCountMatchReference() throws {
        let interval = try #require(
            BootstrapInterval.relativeChange(
                baseline: Self.baseline, candidate: Self.candidate, statistic: .median, confidence: 0.90,
                resamples: 500, seed: 7))
        #expect(abs(interval.lower - 0.048098508405806754) < 1e-12)
        #expect(abs(interval.upper - 0.23424466490679158) < 1e-12)
    }

    @Test func sameSeedSameInterval() {
        let first = BootstrapInterval.relativeChange(baseline: Self.baseline, candidate: Self.candidate)
        let second = BootstrapInterval.relativeChange(baseline: Self.baseline, candidate: Self.candidate)
        #expect(first != nil)
        #expect(first == second)
    }

    @Test func identicalConstantSamplesGiveZeroWidthAtZero() throws {
        let interval = try #require(BootstrapInterval.relativeChange(baseline: [2, 2, 2], candidate: [2, 2]))
        #expect(interval.lower == 0)
        #expect(interval.upper == 0)
        #expect(!interval.excludesZero)
    }

    @Test func fewerThanTwoSamplesOnASideHaveNoInterval() {
        #expect(BootstrapInterval.relativeChange(baseline: [1], candidate: [1, 2, 3]) == nil)
        #expect(BootstrapInterval.relativeChange(baseline: [1, 2], candidate: [3]) == nil)
    }

    @Test func zeroBaselineStatisticHasNoInterval() {
        #expect(BootstrapInterval.relativeChange(baseline: [0, 0, 0], candidate: [1, 1]) == nil)
    }

    @Test func intervalOfAScaledCopyIsThatScale() throws {
        // Every candidate value is 1.25 × a baseline value, so the medians differ by exactly
        // +25 %; independent draws scatter around it, and the interval must contain it.
        let candidate = Self.baseline.map { $0 * 1.25 }
        let interval = try #require(BootstrapInterval.relativeChange(baseline: Self.baseline, candidate: candidate))
        #expect(interval.lower < 0.25 && interval.upper > 0.25)
        #expect(interval.lower > 0.15 && interval.upper < 0.35)
    }
}
