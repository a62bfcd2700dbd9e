import BenchModel
import Regression
import RegressionFixtures
import Testing

/// "Exactly +20.0 % is not an alert; +20.1 % is", at several magnitudes and in both directions,
/// including pairs whose binary quotient lands just above or below the limit.
@Suite struct RuleBoundaryTests {
    /// (baseline, current) pairs that are exactly 20 % apart in decimal. In binary, some give
    /// 0.19999999999999996, others 0.20000000000000004 (0.7 → 0.84, 3.3 → 3.96, 0.35 → 0.42).
    static let exactlyTwentyPercentSlower: [(Double, Double)] = [
        (1.0, 1.2), (0.5, 0.6), (0.3, 0.36), (0.1, 0.12), (2.5, 3.0), (0.7, 0.84), (3.3, 3.96), (0.35, 0.42),
        (0.001, 0.0012), (0.15, 0.18), (1234.5, 1481.4),
    ]

    static let magnitudes: [Double] = [0.001, 0.1, 0.412, 1, 3.3, 1234.5]

    private func creationOutcome(baseline: Double, current: Double, limit: Double = 0.20) throws -> RuleOutcome {
        let configuration = RegressionConfiguration(maxCreationSlowdown: limit)
        let outcomes = Fixture.outcomes(
            .creationTime, baseline: [baseline], current: [current], configuration: configuration)
        return try #require(outcomes.first { $0.rule == "creation-slowdown" })
    }

    @Test(arguments: exactlyTwentyPercentSlower)
    func exactlyTwentyPercentSlowerIsNotAnAlert(baseline: Double, current: Double) throws {
        let outcome = try creationOutcome(baseline: baseline, current: current)
        #expect(outcome.status == .passed, "\(outcome.message)")
    }

    @Test(arguments: magnitudes)
    func twentyPointOnePercentSlowerIsAnAlert(baseline: Double) throws {
        let outcome = try creationOutcome(baseline: baseline, current: baseline * 1.201)
        #expect(outcome.status == .alert)
        #expect(outcome.message.contains("20.1 % slower than baseline"), "\(outcome.message)")
    }

    @Test(arguments: magnitudes)
    func nineteenPointNinePercentSlowerIsNotAnAlert(baseline: Double) throws {
        #expect(try creationOutcome(baseline: baseline, current: baseline * 1.199).status == .passed)
    }

    @Test(arguments: magnitudes)
    func muchFasterIsNotAnAlert(baseline: Double) throws {
        #expect(try creationOutcome(baseline: baseline, current: baseline * 0.5).status == .passed)
    }

    @Test(arguments: [0.05, 0.10, 0.5, 1.5])
    func otherLimitsHaveTheSameBoundary(limit: Double) throws {
        let baseline = 0.412
        #expect(
            try creationOutcome(baseline: baseline, current: baseline * (1 + limit), limit: limit).status == .passed)
        #expect(
            try creationOutcome(baseline: baseline, current: baseline * (1 + limit + 0.001), limit: limit).status
                == .alert)
    }

    @Test func zeroLimitAlertsOnAnyMeasurableSlowdown() throws {
        #expect(try creationOutcome(baseline: 0.4, current: 0.4, limit: 0).status == .passed)
        #expect(try creationOutcome(baseline: 0.4, current: 0.4004, limit: 0).status == .alert)
    }

    // MARK: larger is better

    static let exactlyTwentyPercentLower: [(Double, Double)] = [
        (2.5, 2.0), (0.6, 0.48), (1.7, 1.36), (0.35, 0.28), (3.0, 2.4),
    ]

    private func speedupOutcome(baseline: Double, current: Double) throws -> RuleOutcome {
        let rule = RegressionRule(
            name: "speedup", title: "speedup", metrics: ["parallel.speedup"], limit: .maxWorsening(0.2))
        let configuration = RegressionConfiguration(extraRules: [rule])
        let outcomes = Fixture.outcomes(
            "parallel.speedup", baseline: [baseline], current: [current], configuration: configuration)
        return try #require(outcomes.first { $0.rule == "speedup" })
    }

    @Test(arguments: exactlyTwentyPercentLower)
    func largerIsBetterExactlyTwentyPercentLowerIsNotAnAlert(baseline: Double, current: Double) throws {
        #expect(try speedupOutcome(baseline: baseline, current: current).status == .passed)
    }

    @Test(arguments: [0.35, 1.7, 2.5, 40.0])
    func largerIsBetterTwentyPointOnePercentLowerIsAnAlert(baseline: Double) throws {
        let outcome = try speedupOutcome(baseline: baseline, current: baseline * 0.799)
        #expect(outcome.status == .alert)
        #expect(outcome.message.contains("20.1 % lower than baseline"), "\(outcome.message)")
        #expect(try speedupOutcome(baseline: baseline, current: baseline * 0.801).status == .passed)
    }

    @Test(arguments: [0.35, 1.7, 2.5])
    func largerIsBetterRisingIsNotAnAlert(baseline: Double) throws {
        #expect(try speedupOutcome(baseline: baseline, current: baseline * 2).status == .passed)
    }

    // MARK: absolute bounds

    private func efficiencyOutcome(_ value: Double, floor: Double = 0.5) throws -> RuleOutcome {
        let configuration = RegressionConfiguration(minParallelEfficiency: floor)
        let outcomes = Fixture.outcomes(
            .parallelEfficiency, baseline: nil, current: [value], configuration: configuration)
        return try #require(outcomes.first { $0.rule == "parallel-efficiency" })
    }

    @Test func efficiencyFloorBoundary() throws {
        #expect(try efficiencyOutcome(0.5).status == .passed)
        #expect(try efficiencyOutcome(2.5 / 5).status == .passed)
        #expect(try efficiencyOutcome(0.5.nextDown).status == .passed)  // floating-point noise, not a regression
        #expect(try efficiencyOutcome(0.499).status == .alert)
        #expect(try efficiencyOutcome(0.34).status == .alert)
        #expect(try efficiencyOutcome(0.9).status == .passed)
    }

    @Test(arguments: [0.05, 0.3, 0.7, 1.0])
    func efficiencyFloorAtOtherLevels(floor: Double) throws {
        #expect(try efficiencyOutcome(floor, floor: floor).status == .passed)
        #expect(try efficiencyOutcome(floor - 0.001, floor: floor).status == .alert)
        #expect(try efficiencyOutcome(floor + 0.001, floor: floor).status == .passed)
    }

    @Test func efficiencyFloorNeedsNoBaseline() throws {
        let outcome = try efficiencyOutcome(0.34)
        #expect(outcome.baseline == nil)
        #expect(outcome.message == "parallel efficiency (parallel.efficiency) is 0.340, below the floor of 0.500.")
        let withBaseline = try #require(Fixture.outcomes(.parallelEfficiency, baseline: [0.36], current: [0.34]).first)
        #expect(
            withBaseline.message
                == "parallel efficiency (parallel.efficiency) is 0.340, below the floor of 0.500 (baseline 0.360, change -5.6 %)."
        )
    }

    @Test(arguments: [
        (3.0, 3.0, false), (0.1 + 0.2, 0.3, false), (3.003, 3.0, true), (2.999, 3.0, false), (1500.0, 1500.0, false),
        (1500.2, 1500.0, true),
    ])
    func secondsCeilingBoundary(value: Double, ceiling: Double, alerts: Bool) throws {
        let rule = RegressionRule(
            name: "e2e-ceiling", title: "e2e cycle", metrics: ["e2e.cycle_s"], limit: .bound(ceiling))
        let configuration = RegressionConfiguration(extraRules: [rule])
        let outcomes = Fixture.outcomes("e2e.cycle_s", baseline: nil, current: [value], configuration: configuration)
        let outcome = try #require(outcomes.first)
        #expect(outcome.status == (alerts ? .alert : .passed), "\(outcome.message)")
    }

    @Test func boundOnALargerIsBetterMetricIsAFloorAndOnASmallerIsBetterOneACeiling() throws {
        let floor = RegressionRule(
            name: "speedup-floor", title: "speedup", metrics: ["parallel.speedup"], limit: .bound(2))
        let ceiling = RegressionRule(
            name: "overhead", title: "overhead", metrics: ["overhead_simple.overhead_pct"], limit: .bound(5))
        let configuration = RegressionConfiguration(extraRules: [floor, ceiling])
        let result = RunComparison(
            baseline: nil,
            candidate: Fixture.run(["parallel.speedup": [2.5], "overhead_simple.overhead_pct": [7.5]]),
            configuration: configuration)
        let speedup = try #require(result.outcomes.first { $0.rule == "speedup-floor" })
        let overhead = try #require(result.outcomes.first { $0.rule == "overhead" })
        #expect(speedup.status == .passed)
        #expect(overhead.status == .alert)
        #expect(overhead.message == "overhead (overhead_simple.overhead_pct) is 7.5 %, above the ceiling of 5.0 %.")
    }
}
