import BenchModel
import Foundation
import Regression
import RegressionFixtures
import Testing

/// A rule whose metric is missing on either side never passes: it is `missing`, naming the side,
/// unless the run did not plan the metric's spec (a suite narrowed on purpose), or there is no
/// baseline at all for a relative rule.
@Suite struct MissingMetricTests {
    /// Every metric a default rule watches, with a value that passes its rule.
    static let clean: [MetricID: [Double]] = [
        .creationTime: [0.30, 0.31, 0.29], .parallelEfficiency: [0.6], .cleanupFailures: [0], .cleanupAllFailures: [0],
        .e2eFailures: [0], .leftoverContainers: [0], "security.violations": [0],
    ].merging(IsolationProperty.allCases.map { ($0.metric, [1.0]) }) { $1 }

    static let fullSuite = RunScope(
        specs: ["creation", "parallel", "cleanup", "cleanup_all", "e2e", "security"], suite: "full", narrowing: nil)

    static func run(_ values: [MetricID: [Double]], scope: RunScope? = fullSuite, label: String = "run 4")
        -> RunMeasurements
    {
        var run = Fixture.run(values, label: label)
        run.scope = scope
        return run
    }

    /// A property of the isolation standard may be unverifiable on a host: its absence is judged by
    /// the isolation-weakening rule against the baseline (`IsolationWeakeningTests`), not as missing.
    static var defaultRuleMetrics: [MetricID] {
        RegressionConfiguration().rules.filter { $0 != .isolationWeakening }.flatMap(\.metrics)
    }

    @Test func aCompleteRunPassesEveryDefaultRule() {
        let result = RunComparison(
            baseline: Baseline(Self.run(Self.clean, label: "run 3")), candidate: Self.run(Self.clean))
        #expect(result.outcomes.allSatisfy { $0.status == .passed })
        #expect(result.missing.isEmpty)
    }

    /// Each metric a default rule watches, lost from a run that planned its spec: the rule is
    /// missing from the candidate, whatever the baseline, and the decision cannot pass.
    @Test(arguments: defaultRuleMetrics)
    func aRunThatLostAMetricItPlannedCannotPass(metric: MetricID) throws {
        var values = Self.clean
        values[metric] = nil
        for baseline in [nil, Baseline(Self.run(Self.clean, label: "run 3"))] {
            let result = RunComparison(baseline: baseline, candidate: Self.run(values))
            let outcome = try #require(result.outcomes.first { $0.metric == metric })
            #expect(outcome.status == .missing)
            #expect(outcome.missingFrom == .candidate)
            #expect(outcome.message.contains("is missing from run 4"))
            #expect(outcome.message.contains(metric.rawValue))
            let decision = GateDecision(
                configuration: RegressionConfiguration(), baseline: .none, outcomes: result.outcomes)
            #expect(decision.verdict == .missing)
            #expect(!decision.passed)
            #expect(decision.missing.map(\.metric) == [metric])
        }
    }

    /// Samples that are all NaN or infinite are no measurement: the metric is missing.
    @Test func samplesThatAreNotFiniteCountAsMissing() throws {
        var values = Self.clean
        values[.creationTime] = [.nan, .infinity]
        let result = RunComparison(
            baseline: Baseline(Self.run(Self.clean, label: "run 3")), candidate: Self.run(values))
        #expect(result.outcomes.first { $0.metric == .creationTime }?.status == .missing)
    }

    /// A run without a readable plan is expected to have measured every rule's metric.
    @Test func aRunWhosePlanIsUnknownMustHaveEveryMetric() {
        var values = Self.clean
        values[.parallelEfficiency] = nil
        let result = RunComparison(baseline: nil, candidate: Self.run(values, scope: nil))
        #expect(result.outcomes.first { $0.metric == .parallelEfficiency }?.status == .missing)
    }

    /// `run --spec parallel`: the rules of the other specs are skipped, and say why.
    @Test func aSuiteNarrowedOnPurposeSkipsTheRulesOfTheSpecsItLeftOut() throws {
        let narrowed = RunScope(specs: ["parallel"], suite: "full", narrowing: "--spec parallel")
        let candidate = Self.run([.parallelEfficiency: [0.6], .leftoverContainers: [0]], scope: narrowed)
        let result = RunComparison(baseline: Baseline(Self.run(Self.clean, label: "run 3")), candidate: candidate)
        let creation = try #require(result.outcomes.first { $0.metric == .creationTime })
        #expect(creation.status == .skipped)
        #expect(
            creation.message
                == "creation time (creation.create_start_s) was not checked: not in this run's suite: --spec parallel.")
        #expect(result.outcomes.first { $0.metric == .parallelEfficiency }?.status == .passed)
        #expect(result.outcomes.first { $0.metric == .leftoverContainers }?.status == .passed)
        #expect(result.missing.isEmpty)
        // The run's own metric is expected whatever the plan.
        let withoutOwn = RunComparison(
            baseline: nil, candidate: Self.run([.parallelEfficiency: [0.6]], scope: narrowed))
        #expect(withoutOwn.outcomes.first { $0.metric == .leftoverContainers }?.status == .missing)
    }

    @Test func aSuiteWithoutASpecSkipsItsRule() throws {
        let original = RunScope(
            specs: ["creation", "parallel", "cleanup", "cleanup_all", "e2e"], suite: "original", narrowing: nil)
        var values = Self.clean
        values["security.violations"] = nil
        let result = RunComparison(baseline: nil, candidate: Self.run(values, scope: original))
        let isolation = try #require(result.outcomes.first { $0.metric == "security.violations" })
        #expect(isolation.status == .skipped)
        #expect(isolation.message.hasSuffix("was not checked: the original suite has no security spec."))
    }

    /// A baseline that lacks a metric a relative rule compares cannot serve; with no baseline at
    /// all (the very first run), the relative rule is skipped.
    @Test func aBaselineWithoutTheComparedMetricIsMissingButNoBaselineIsASkip() throws {
        var baselineValues = Self.clean
        baselineValues[.creationTime] = nil
        let against = RunComparison(
            baseline: Baseline(Self.run(baselineValues, label: "file nightly.json")), candidate: Self.run(Self.clean))
        let creation = try #require(against.outcomes.first { $0.metric == .creationTime })
        #expect(creation.status == .missing)
        #expect(creation.missingFrom == .baseline)
        #expect(creation.message.contains("is missing from the baseline, file nightly.json"))
        // The bound rules need no baseline: what the baseline lacks does not matter to them.
        baselineValues[.parallelEfficiency] = nil
        let bounds = RunComparison(
            baseline: Baseline(Self.run(baselineValues, label: "run 3")), candidate: Self.run(Self.clean))
        #expect(bounds.outcomes.first { $0.metric == .parallelEfficiency }?.status == .passed)

        let first = RunComparison(baseline: nil, candidate: Self.run(Self.clean))
        #expect(first.outcomes.first { $0.metric == .creationTime }?.status == .skipped)
        #expect(first.missing.isEmpty)
    }

    /// A rule from the configuration file is held to the same standard.
    @Test func aConfiguredRelativeRuleWhoseBaselineLacksItsMetricIsMissing() throws {
        let rule = RegressionRule(name: "warm", title: "warm exec", metrics: ["warm.exec_s"], limit: .maxWorsening(0.2))
        let configuration = RegressionConfiguration(extraRules: [rule])
        var scope = Self.fullSuite
        scope.specs.insert("warm")
        var values = Self.clean
        values["warm.exec_s"] = [0.07, 0.08]
        let result = RunComparison(
            baseline: Baseline(Self.run(Self.clean, label: "run 3")), candidate: Self.run(values, scope: scope),
            configuration: configuration)
        let warm = try #require(result.outcomes.first { $0.rule == "warm" })
        #expect(warm.status == .missing)
        #expect(warm.missingFrom == .baseline)
    }

    /// A window of baseline runs serves as long as one of its runs has the metric.
    @Test func aWindowServesWhenOneOfItsRunsHasTheMetric() {
        var lacking = Self.clean
        lacking[.creationTime] = nil
        let window = Baseline(
            label: "median of the 2 runs 2–3",
            runs: [Self.run(lacking, label: "run 2"), Self.run(Self.clean, label: "run 3")])
        let result = RunComparison(baseline: window, candidate: Self.run(Self.clean))
        #expect(result.outcomes.first { $0.metric == .creationTime }?.status == .passed)
    }

    /// The host side of the pandas overhead needs pandas on the host: its absence is said in the
    /// run's notes, and a rule on it is skipped rather than failing every run of such a host.
    @Test func aMetricTheHostMayLackIsSkipped() throws {
        let rule = RegressionRule(
            name: "pandas", title: "pandas direct", metrics: ["overhead_pandas.direct_s"], limit: .bound(10))
        var scope = Self.fullSuite
        scope.specs.insert("overhead_pandas")
        let result = RunComparison(
            baseline: nil, candidate: Self.run(Self.clean, scope: scope),
            configuration: RegressionConfiguration(extraRules: [rule]))
        #expect(result.outcomes.first { $0.rule == "pandas" }?.status == .skipped)
    }

    /// An alert is the first news, then a run that did not complete, then a missing metric.
    @Test func theVerdictOrdersAlertIncompleteMissingPassed() throws {
        var values = Self.clean
        values[.e2eFailures] = nil
        values[.cleanupFailures] = [1]
        let both = RunComparison(baseline: nil, candidate: Self.run(values)).outcomes
        func decision(_ outcomes: [RuleOutcome], status: RunStatus? = nil) -> GateDecision {
            GateDecision(
                configuration: RegressionConfiguration(), baseline: .none, outcomes: outcomes, runStatus: status)
        }
        #expect(decision(both).verdict == .alert)
        #expect(decision(both, status: .failed).verdict == .alert)
        let missingOnly = both.filter { !$0.isAlert }
        #expect(decision(missingOnly, status: .failed).verdict == .incomplete)
        #expect(decision(missingOnly).verdict == .missing)
        let clean = RunComparison(baseline: nil, candidate: Self.run(Self.clean)).outcomes
        #expect(decision(clean).verdict == .passed)
        #expect(decision(clean, status: .aborted).verdict == .incomplete)
        #expect(!decision(clean, status: .aborted).passed)
    }

    /// A new decision records the one it replaced, and reads back with it.
    @Test func aDecisionRecordsWhatItReplaced() throws {
        let replaced = GateDecision.Replacement(
            decisionID: 3, decidedAt: Date(timeIntervalSince1970: 1_796_551_320), verdict: .alert, alertCount: 1,
            missingCount: 0, baseline: "file nightly.json (run 41 of ci)")
        #expect(
            replaced.sentence
                == "replaces the decision of 2026-12-06 10:02 UTC: failed, 1 alert, against file nightly.json "
                + "(run 41 of ci)"
        )
        let decision = GateDecision(
            decidedAt: Date(timeIntervalSince1970: 1_796_551_500), configuration: RegressionConfiguration(),
            baseline: .none, outcomes: [], suite: "full, specs: parallel", replaces: replaced)
        let read = try GateDecision(document: try decision.document())
        #expect(read == decision)
        #expect(read.replaces?.verdict == .alert)
        #expect(read.isStanding)
    }

    /// A document stored before these fields existed reads as a standing decision that replaced nothing.
    @Test func anOlderDocumentReadsAsStanding() throws {
        var document = try GateDecision(configuration: RegressionConfiguration(), baseline: .none, outcomes: [])
            .document()
        #expect(!document.contains("oneOff") && !document.contains("replaces") && !document.contains("runStatus"))
        document = document.replacingOccurrences(of: "\"suite\":\"full\",", with: "")
        let read = try GateDecision(document: document)
        #expect(read.isStanding)
        #expect(read.replaces == nil)
        #expect(read.verdict == .passed)
    }
}
