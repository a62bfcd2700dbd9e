import BenchModel
import Regression
import RegressionFixtures
import Testing

/// The default isolation-weakening rule: each property of the standard the baseline held and the
/// candidate does not hold (or could not verify) alerts, named; nothing else does.
@Suite struct IsolationWeakeningTests {
    static func run(held: [IsolationProperty: Double], label: String) -> RunMeasurements {
        var samples: [MetricID: [Double]] = [:]
        for (property, value) in held { samples[property.metric] = [value, value] }
        samples["security.violations"] = [0, 0]
        return Fixture.run(samples, label: label)
    }

    static let all = Dictionary(uniqueKeysWithValues: IsolationProperty.allCases.map { ($0, 1.0) })

    static func weakening(_ result: RunComparison) -> [RuleOutcome] {
        result.outcomes.filter { $0.rule == RegressionRule.isolationWeakening.name }
    }

    @Test func eachLostPropertyAlertsByName() {
        var weaker = Self.all
        weaker[.notRoot] = 0
        weaker[.readOnlyRoot] = 0
        weaker[.memoryLimit] = nil  // not verifiable in the candidate
        let result = RunComparison(
            baseline: Baseline(Self.run(held: Self.all, label: "A")), candidate: Self.run(held: weaker, label: "B"))
        let alerts = Self.weakening(result).filter(\.isAlert)
        #expect(
            Set(alerts.map(\.metric)) == [
                IsolationProperty.notRoot.metric, IsolationProperty.readOnlyRoot.metric,
                IsolationProperty.memoryLimit.metric,
            ])
        #expect(alerts.allSatisfy { $0.message.contains("isolation lost") })
        #expect(alerts.contains { $0.message.contains("\"not root\"") })
        #expect(alerts.contains { $0.message.contains("could not be verified") })
    }

    @Test func theSameSandboxAgainstItselfPasses() {
        var runc = Self.all
        runc[.hostKernelShielded] = 0
        let result = RunComparison(
            baseline: Baseline(Self.run(held: runc, label: "A")), candidate: Self.run(held: runc, label: "B"))
        #expect(Self.weakening(result).allSatisfy { $0.status == .passed })
        #expect(Self.weakening(result).count == IsolationProperty.allCases.count)
    }

    /// Gaining a property, or a baseline older than the standard, is no loss.
    @Test func aStrongerCandidateOrAnOlderBaselineIsNoLoss() {
        var runc = Self.all
        runc[.hostKernelShielded] = 0
        let stronger = RunComparison(
            baseline: Baseline(Self.run(held: runc, label: "A")), candidate: Self.run(held: Self.all, label: "B"))
        #expect(Self.weakening(stronger).allSatisfy { !$0.isAlert && !$0.isMissing })
        let older = RunComparison(
            baseline: Baseline(Fixture.run(["security.violations": [0]], label: "old")),
            candidate: Self.run(held: runc, label: "B"))
        #expect(Self.weakening(older).allSatisfy { $0.status == .skipped })
    }

    @Test func propertiesAreNotSampledSequentially() {
        #expect(!RegressionRule.isolationWeakening.isStatistical)
        #expect(!SequentialTest.sequentialSpecs(of: RegressionConfiguration()).contains("security"))
        #expect(RegressionConfiguration.defaultRuleNames.contains("isolation-weakening"))
    }
}
