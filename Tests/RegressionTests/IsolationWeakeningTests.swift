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

    /// A property lost is a fact, not a timing: measured while other work kept the host busy
    /// (the security spec's foreign load above the busy threshold), it still alerts, where a
    /// relative timing rule's alert would be withheld.
    @Test func aLossOnABusyHostIsNotWithheld() throws {
        var samples: [MetricID: [Double]] = ["security.violations": [0, 0]]
        for property in IsolationProperty.allCases {
            samples[property.metric] = property == .cpuLimit ? [0, 0] : [1, 1]
        }
        let busyLoad = try #require(Metric.hostLoad.foreignCPU(ofSpec: "security"))
        samples[busyLoad.id] = [190, 195]
        let candidate = Fixture.run(samples, label: "B")
        #expect(RunComparison.busyLoad(ofSpec: "security", in: candidate) != nil, "the fixture's host was busy")
        let result = RunComparison(baseline: Baseline(Self.run(held: Self.all, label: "A")), candidate: candidate)
        let lost = Self.weakening(result).filter { $0.metric == IsolationProperty.cpuLimit.metric }
        #expect(lost.map(\.status) == [.alert], "\(lost)")
        #expect(result.withheld.isEmpty, "\(result.withheld)")
    }

    @Test func theSameSandboxAgainstItselfPasses() {
        var runc = Self.all
        runc[.hostKernelShielded] = 0
        let result = RunComparison(
            baseline: Baseline(Self.run(held: runc, label: "A")), candidate: Self.run(held: runc, label: "B"))
        #expect(Self.weakening(result).allSatisfy { $0.status == .passed })
        #expect(Self.weakening(result).count == IsolationProperty.allCases.count)
    }

    /// Gaining a property is no loss.
    @Test func aStrongerCandidateIsNoLoss() {
        var runc = Self.all
        runc[.hostKernelShielded] = 0
        let stronger = RunComparison(
            baseline: Baseline(Self.run(held: runc, label: "A")), candidate: Self.run(held: Self.all, label: "B"))
        #expect(Self.weakening(stronger).allSatisfy { !$0.isAlert && !$0.isMissing })
    }

    /// A baseline that never assessed the standard (a suite without the security spec, a `--spec`
    /// run, an older version) judges nothing: the candidate is judged against the standard itself.
    /// What it holds passes; what it does not hold, or could not verify, is missing from that
    /// baseline — never skipped, never a pass.
    @Test(arguments: [
        Fixture.run(["security.violations": [0]], label: "old"),
        Fixture.run(["creation.create_start_s": [0.4, 0.4]], label: "original"),
    ])
    func aBaselineThatNeverAssessedTheStandardCannotPassAWeakerSandbox(_ baseline: RunMeasurements) throws {
        var weaker = Self.all
        weaker[.hostKernelShielded] = 0
        weaker[.cpuLimit] = 0
        weaker[.memoryLimit] = nil
        let result = RunComparison(baseline: Baseline(baseline), candidate: Self.run(held: weaker, label: "B"))
        let outcomes = Self.weakening(result)
        #expect(outcomes.count == IsolationProperty.allCases.count)
        #expect(!outcomes.contains { $0.status == .skipped || $0.isAlert })
        let missing = outcomes.filter(\.isMissing)
        #expect(
            Set(missing.map(\.metric)) == [
                IsolationProperty.hostKernelShielded.metric, IsolationProperty.cpuLimit.metric,
                IsolationProperty.memoryLimit.metric,
            ])
        #expect(missing.allSatisfy { $0.missingFrom == .baseline })
        let cpu = try #require(missing.first { $0.metric == IsolationProperty.cpuLimit.metric })
        #expect(cpu.message.contains("not held in B and was not assessed in the baseline, \(baseline.label)"))
        #expect(
            outcomes.filter { $0.status == .passed }.allSatisfy {
                $0.message.contains("as the isolation standard asks")
            })

        let whole = RunComparison(baseline: Baseline(baseline), candidate: Self.run(held: Self.all, label: "C"))
        #expect(Self.weakening(whole).allSatisfy { $0.status == .passed })
    }

    /// Runs that both predate the standard (no property on either side) have nothing to judge.
    @Test func neitherSideAssessedIsNoOutcome() {
        let old = Fixture.run(["security.violations": [0]], label: "old")
        let result = RunComparison(baseline: Baseline(old), candidate: Fixture.run(["security.violations": [0]]))
        #expect(Self.weakening(result).isEmpty)
    }

    /// With no baseline at all (a testbed's first run) nothing is compared, as for every relative rule.
    @Test func noBaselineAtAllSkips() {
        let result = RunComparison(baseline: nil, candidate: Self.run(held: Self.all, label: "first"))
        #expect(Self.weakening(result).allSatisfy { $0.status == .skipped })
    }

    @Test func propertiesAreNotSampledSequentially() {
        #expect(!RegressionRule.isolationWeakening.isStatistical)
        #expect(!SequentialTest.sequentialSpecs(of: RegressionConfiguration()).contains("security"))
        #expect(RegressionConfiguration.defaultRuleNames.contains("isolation-weakening"))
    }
}
