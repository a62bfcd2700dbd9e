import BenchModel
import Regression
import RegressionFixtures
import Testing

@Suite struct CountRuleTests {
    private func cleanupOutcomes(_ values: [MetricID: [Double]]) -> [MetricID: RuleOutcome] {
        let result = RunComparison(baseline: nil, candidate: Fixture.run(values))
        let outcomes = result.outcomes.filter { $0.rule == "cleanup-failures" }
        return Dictionary(uniqueKeysWithValues: outcomes.map { ($0.metric, $0) })
    }

    @Test func oneFailureInAnyIterationAlertsThoughTheMedianIsZero() throws {
        let outcomes = cleanupOutcomes([.cleanupFailures: [0, 0, 1, 0, 0]])
        let outcome = try #require(outcomes[.cleanupFailures])
        #expect(outcome.status == .alert)
        #expect(outcome.statistic == .total)
        #expect(outcome.current == 1)
        #expect(
            outcome.message == "cleanup failures (cleanup.failures) totals 1 over 5 samples, above the ceiling of 0.")
    }

    @Test func noFailurePasses() {
        let outcomes = cleanupOutcomes([
            .cleanupFailures: [0, 0, 0], .cleanupAllFailures: [0], .e2eFailures: [0], .leftoverContainers: [0],
        ])
        #expect(outcomes.values.allSatisfy { $0.status == .passed })
        #expect(outcomes.count == 4)
        #expect(
            outcomes[.cleanupFailures]?.message
                == "cleanup failures (cleanup.failures) totals 0 over 3 samples, at or below the ceiling of 0.")
    }

    @Test func eachCleanupMetricIsItsOwnCheck() {
        let outcomes = cleanupOutcomes([.cleanupFailures: [0], .e2eFailures: [0, 2], .leftoverContainers: [1]])
        #expect(outcomes[.cleanupFailures]?.status == .passed)
        #expect(outcomes[.e2eFailures]?.status == .alert)
        #expect(outcomes[.e2eFailures]?.current == 2)
        #expect(outcomes[.leftoverContainers]?.status == .alert)
    }

    @Test func anUnmeasuredCountIsMissingNotPassed() {
        let outcomes = cleanupOutcomes([.cleanupFailures: [0]])
        #expect(outcomes[.e2eFailures]?.status == .missing)
        #expect(outcomes[.e2eFailures]?.missingFrom == .candidate)
        #expect(
            outcomes[.leftoverContainers]?.message
                == "cleanup failures (run.leftover_containers) is missing from candidate: it has no valid sample of it,"
                + " so the rule cannot pass.")
    }

    @Test func meanStatisticDoesNotChangeTheCountTotal() throws {
        let result = RunComparison(
            baseline: nil, candidate: Fixture.run([.cleanupFailures: [0, 0, 1, 0]]),
            configuration: RegressionConfiguration(statistic: .mean))
        let outcome = try #require(result.outcomes.first { $0.metric == .cleanupFailures })
        #expect(outcome.statistic == .total)
        #expect(outcome.status == .alert)
    }
}

@Suite struct RelativeRuleTests {
    @Test func statisticIsMedianByDefaultAndMeanOnRequest() throws {
        let baseline = [1.0, 1.0, 1.0, 1.0, 1.0]
        let current = [1.0, 1.0, 1.0, 1.0, 5.0]  // one slow iteration: median 1.0, mean 1.8
        let median = Fixture.outcomes(.creationTime, baseline: baseline, current: current)
        #expect(median.first?.status == .passed)
        #expect(median.first?.statistic == .median)
        let mean = Fixture.outcomes(
            .creationTime, baseline: baseline, current: current,
            configuration: RegressionConfiguration(statistic: .mean))
        #expect(mean.first?.status == .alert)
        #expect(mean.first?.current == 1.8)
    }

    @Test func noBaselineSkipsTheRelativeRuleButNotTheFloor() throws {
        let result = RunComparison(
            baseline: nil, candidate: Fixture.run([.creationTime: [0.4], .parallelEfficiency: [0.3]]))
        let creation = try #require(result.outcomes.first { $0.rule == "creation-slowdown" })
        #expect(creation.status == .skipped)
        #expect(creation.message == "creation time (creation.create_start_s) has no baseline to compare with.")
        #expect(result.outcomes.first { $0.rule == "parallel-efficiency" }?.status == .alert)
    }

    @Test func aBaselineWithoutTheMetricCannotServe() throws {
        let result = RunComparison(
            baseline: Fixture.baseline(["e2e.cycle_s": [1.0]]), candidate: Fixture.run([.creationTime: [0.4]]))
        let creation = try #require(result.outcomes.first { $0.rule == "creation-slowdown" })
        #expect(creation.status == .missing)
        #expect(creation.missingFrom == .baseline)
        #expect(creation.current == 0.4)
        #expect(
            creation.message.hasPrefix(
                "creation time (creation.create_start_s) is missing from the baseline, baseline:"))
    }

    @Test func aMetricMissingFromTheCandidateIsMissing() throws {
        let outcomes = Fixture.outcomes(.creationTime, baseline: [0.4], current: nil)
        #expect(outcomes.first?.status == .missing)
        #expect(outcomes.first?.missingFrom == .candidate)
        #expect(outcomes.first?.baseline == 0.4)
    }

    @Test func zeroBaselineAlertsOnAnyWorseningWithoutAPercentage() throws {
        let rule = RegressionRule(
            name: "violations", title: "violations", metrics: ["security.violations"], limit: .maxWorsening(0.2))
        let configuration = RegressionConfiguration(extraRules: [rule])
        let worse = try #require(
            Fixture.outcomes("security.violations", baseline: [0, 0], current: [0, 3], configuration: configuration)
                .first { $0.rule == "violations" })
        #expect(worse.status == .alert)
        #expect(worse.change == nil)
        #expect(worse.message.contains("went from zero to 3, a change no percentage describes"))
        let same = Fixture.outcomes("security.violations", baseline: [0], current: [0], configuration: configuration)
        #expect(same.first { $0.rule == "violations" }?.status == .passed)
    }

    @Test func alertNamesTheNumbersTheIntervalThePValueAndThePhase() throws {
        let baseline = Baseline(
            RunMeasurements(
                label: "run 41",
                samples: Fixture.samples(
                    .creationTime, [0.41, 0.405, 0.42, 0.412, 0.415, 0.409, 0.418, 0.411],
                    phases: Array(
                        repeating: Fixture.timings(create: 0.02, start: 0.31, run: 0.07, logs: 0.007, remove: 0.018),
                        count: 8))))
        let candidate = RunMeasurements(
            label: "run 42",
            samples: Fixture.samples(
                .creationTime, [0.51, 0.505, 0.52, 0.512, 0.515, 0.509, 0.518, 0.511],
                phases: Array(
                    repeating: Fixture.timings(create: 0.021, start: 0.40, run: 0.07, logs: 0.007, remove: 0.019),
                    count: 8)))
        let result = RunComparison(baseline: baseline, candidate: candidate)
        let alert = try #require(result.alerts.first)
        #expect(result.alerts.count == 1)
        #expect(alert.rule == "creation-slowdown")
        #expect(alert.baseline == 0.4115)
        #expect(abs(try #require(alert.current) - 0.5115) < 1e-12)
        #expect(alert.isSignificant == true)
        #expect(try #require(alert.pValue) < 0.001)
        #expect(alert.movedMost?.phase == .start)
        #expect(abs(try #require(alert.movedMost?.delta) - 0.09) < 1e-12)
        let interval = try #require(alert.interval)
        #expect(interval.lower > 0.2 && interval.upper < 0.3)
        #expect(
            alert.message == "creation time (creation.create_start_s) 24.3 % slower than baseline"
                + " (0.411 s → 0.512 s, 95 % CI +22.4 % … +25.9 %, p < 0.001), beyond the 20 % limit;"
                + " the start phase moved most (+0.0900 s).")
    }

    @Test func alertFromASingleSampleSaysItMayBeNoise() throws {
        let outcome = try #require(Fixture.outcomes(.creationTime, baseline: [0.40], current: [0.52]).first)
        #expect(outcome.status == .alert)
        #expect(outcome.isSignificant == false)
        #expect(
            outcome.message.contains(
                "not statistically significant: too few samples to tell it from noise (1 baseline, 1 current)"))
    }

    @Test func alertFromOverlappingSamplesSaysItIsNotSignificant() throws {
        let outcome = try #require(
            Fixture.outcomes(.creationTime, baseline: [0.40, 0.70, 0.42, 0.41], current: [0.41, 0.52, 0.75, 0.50]).first
        )
        #expect(outcome.status == .alert)
        #expect(outcome.message.contains("not statistically significant (p = "))
        #expect(outcome.message.contains("so it may be noise"))
    }

    @Test func requiringSignificanceHoldsBackANoisyAlert() throws {
        var configuration = RegressionConfiguration()
        configuration.noise.requiredForAlerts = true
        let noisy = try #require(
            Fixture.outcomes(.creationTime, baseline: [0.40], current: [0.52], configuration: configuration).first)
        #expect(noisy.status == .passed)
        #expect(noisy.message.contains("not statistically significant, so no alert (significance is required)"))

        let clear = try #require(
            Fixture.outcomes(
                .creationTime, baseline: [0.40, 0.41, 0.405, 0.402, 0.408, 0.404],
                current: [0.52, 0.51, 0.515, 0.522, 0.518, 0.511], configuration: configuration
            ).first)
        #expect(clear.status == .alert)
    }

    @Test func efficiencyAlertOnAHostWithFewerCPUsThanContainersSaysSo() throws {
        let candidate = Fixture.run([.parallelEfficiency: [0.34]], environment: EnvironmentFingerprint(cpuCount: 2))
        let outcome = try #require(
            RunComparison(baseline: nil, candidate: candidate).outcomes.first { $0.rule == "parallel-efficiency" })
        #expect(outcome.status == .alert)
        #expect(outcome.message.contains("this host has 2 CPUs for 5 simultaneous containers"))

        let bigHost = Fixture.run([.parallelEfficiency: [0.34]], environment: EnvironmentFingerprint(cpuCount: 8))
        let plain = try #require(
            RunComparison(baseline: nil, candidate: bigHost).outcomes.first { $0.rule == "parallel-efficiency" })
        #expect(!plain.message.contains("CPUs"))
    }
}
