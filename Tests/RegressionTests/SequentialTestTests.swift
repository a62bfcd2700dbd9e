import BenchModel
import Foundation
import Regression
import Testing

@Suite struct SequentialTestTests {
    static func samples(_ values: [Double]) -> [Sample] {
        values.enumerated().map { Sample(metric: .creationTime, iteration: $0.offset, value: $0.element) }
    }

    /// Twenty samples around 0.40 s with a spread of ±4 %, deterministic.
    static func around(_ center: Double) -> [Double] {
        (0..<20).map { center * (1 + 0.04 * sin(Double($0) * 2.1)) }
    }

    @Test func aLargeSlowdownIsAClearAlertAndNoChangeAClearPassAgainstTheDefaultLimit() {
        let test = SequentialTest(looks: 5)
        let configuration = RegressionConfiguration()
        let slower = test.call(
            spec: "creation", baseline: Self.samples(Self.around(0.40)), candidate: Self.samples(Self.around(0.56)),
            configuration: configuration)
        #expect(slower == .clearAlert)
        let same = test.call(
            spec: "creation", baseline: Self.samples(Self.around(0.40)), candidate: Self.samples(Self.around(0.40)),
            configuration: configuration)
        #expect(same == .clearPass)
    }

    @Test func aChangeNearTheLimitIsUnclearAndSoIsTooLittleData() {
        let test = SequentialTest(looks: 5)
        let near = test.call(
            spec: "creation", baseline: Self.samples(Self.around(0.40)), candidate: Self.samples(Self.around(0.48)),
            configuration: RegressionConfiguration())
        #expect(near == .unclear)
        let one = test.call(
            spec: "creation", baseline: Self.samples([0.4]), candidate: Self.samples([0.4]),
            configuration: RegressionConfiguration())
        #expect(one == .unclear)
    }

    @Test func onlyTheSpecsARelativeRuleWatchesAreSequential() {
        #expect(SequentialTest.sequentialSpecs(of: RegressionConfiguration()) == ["creation"])
        let rule = RegressionRule(
            name: "e2e-slowdown", title: "e2e", metrics: ["e2e.cycle_s"], limit: .maxWorsening(0.15))
        #expect(SequentialTest.sequentialSpecs(of: RegressionConfiguration(extraRules: [rule])) == ["creation", "e2e"])
        // A spec no relative rule watches never stops early.
        #expect(
            SequentialTest(looks: 1).call(
                spec: "e2e", baseline: [], candidate: [], configuration: RegressionConfiguration()) == .unclear)
    }

    @Test func eachLookUsesTheErrorRateSharedOverTheLooks() {
        #expect(abs(SequentialTest(errorRate: 0.05, looks: 5).confidencePerLook - 0.99) < 1e-12)
    }
}
