import BenchModel
import Regression
import RegressionFixtures
import Testing

@Suite struct VerdictTests {
    static let steady = [0.400, 0.402, 0.405, 0.398, 0.401, 0.404, 0.399, 0.403]

    private func comparison(_ metric: MetricID = .creationTime, baseline: [Double]?, current: [Double]?) throws
        -> MetricComparison
    {
        let result = RunComparison(
            baseline: baseline.map { Fixture.baseline([metric: $0]) },
            candidate: Fixture.run(current.map { [metric: $0] } ?? [:]))
        return try #require(result.comparison(of: metric))
    }

    @Test func clearSlowdownIsARegression() throws {
        let c = try comparison(baseline: Self.steady, current: Self.steady.map { $0 * 1.3 })
        #expect(c.verdict == .regression)
        #expect(c.isSignificant)
        #expect(try #require(c.change) > 0.29)
        #expect(try #require(c.worsening) > 0.29)
    }

    @Test func clearSpeedupIsAnImprovement() throws {
        let c = try comparison(baseline: Self.steady, current: Self.steady.map { $0 * 0.7 })
        #expect(c.verdict == .improvement)
        #expect(try #require(c.change) < 0)
    }

    @Test func directionDecidesWhetherUpIsARegression() throws {
        let speedup = try comparison(
            "parallel.speedup", baseline: [2.0, 2.1, 2.05, 1.98, 2.02], current: [2.6, 2.7, 2.65, 2.62, 2.68])
        #expect(speedup.verdict == .improvement)
        #expect(try #require(speedup.change) > 0)  // raw change: the figure went up
        #expect(try #require(speedup.worsening) < 0)  // ...which is better for a larger-is-better metric
        let slower = try comparison(
            "parallel.speedup", baseline: [2.6, 2.7, 2.65, 2.62, 2.68], current: [2.0, 2.1, 2.05, 1.98, 2.02])
        #expect(slower.verdict == .regression)
    }

    @Test func smallChangeIsUnchangedHoweverSignificant() throws {
        let c = try comparison(baseline: Self.steady, current: Self.steady.map { $0 * 1.04 })
        #expect(c.isSignificant)
        #expect(c.verdict == .unchanged)
    }

    @Test func largeChangeOfOverlappingSamplesIsNoise() throws {
        let c = try comparison(baseline: [0.40, 0.70, 0.42, 0.41, 0.66], current: [0.41, 0.52, 0.75, 0.50, 0.71])
        #expect(try #require(c.rankTest).pValue >= 0.05)
        #expect(c.verdict == .noise)
    }

    @Test func singleSamplesCanOnlyBeNoiseOrUnchanged() throws {
        #expect(try comparison(baseline: [0.4], current: [0.8]).verdict == .noise)
        #expect(try comparison(baseline: [0.4], current: [0.401]).verdict == .unchanged)
        let c = try comparison(baseline: [0.4], current: [0.8])
        #expect(c.interval == nil)
        #expect(c.rankTest?.pValue == 1)
    }

    @Test func metricsOnOneSideOnly() throws {
        let new = try comparison(baseline: nil, current: [0.4])
        #expect(new.verdict == .new)
        #expect(new.baseline == nil && new.change == nil && new.rankTest == nil)
        let result = RunComparison(
            baseline: Fixture.baseline(["e2e.cycle_s": [1.0], .creationTime: [0.4]]),
            candidate: Fixture.run([.creationTime: [0.4]]))
        let missing = try #require(result.comparison(of: "e2e.cycle_s"))
        #expect(missing.verdict == .missing)
        #expect(missing.current == nil && missing.currentCount == 0)
    }

    @Test func zeroBaseline() throws {
        let zeros = try comparison("security.violations", baseline: [0, 0, 0], current: [0, 0])
        #expect(zeros.change == 0)
        #expect(zeros.verdict == .unchanged)
        let rising = try comparison("security.violations", baseline: [0, 0, 0, 0, 0, 0], current: [1, 1, 1, 1, 1, 1])
        #expect(rising.change == nil)
        #expect(rising.interval == nil)
        #expect(rising.verdict == .regression)  // significance from the rank test alone
    }

    @Test(arguments: [
        (1.0, 1.05, Verdict.unchanged), (1.0, 1.0501, .regression), (1.0, 0.95, .unchanged),
        (1.0, 0.9499, .improvement),
    ])
    func minimumEffectBoundary(baseline: Double, current: Double, expected: Verdict) {
        let verdict = Verdict.classify(
            baseline: baseline, current: current, direction: .smallerIsBetter, isSignificant: true, minimumEffect: 0.05)
        #expect(verdict == expected)
    }

    @Test func notSignificantLargeChangeIsNoiseInBothDirections() {
        for current in [2.0, 0.5] {
            let verdict = Verdict.classify(
                baseline: 1, current: current, direction: .largerIsBetter, isSignificant: false, minimumEffect: 0.05)
            #expect(verdict == .noise)
        }
    }

    @Test func nonFiniteSamplesAreIgnored() throws {
        let c = try comparison(baseline: [0.4, .nan, 0.41], current: [0.4, .infinity, 0.42])
        #expect(c.baselineCount == 2 && c.currentCount == 2)
        #expect(try #require(c.current).isFinite)
    }
}
