import BenchModel
import Regression
import RegressionFixtures
import Testing

@Suite struct MetricComparisonTests {
    @Test func rollingWindowUsesTheMedianOfPerRunStatisticsAndPoolsSamples() throws {
        let runs = [
            Fixture.run([.creationTime: [1.0, 1.0, 1.0, 1.0, 1.0]], label: "run 1"),
            Fixture.run([.creationTime: [2.0]], label: "run 2"),
            Fixture.run([.creationTime: [1.5]], label: "run 3"),
        ]
        let window = Baseline(label: "last 3 runs", runs: runs)
        let candidate = Fixture.run([.creationTime: [1.5, 1.6]])
        let result = RunComparison(baseline: window, candidate: candidate)
        let c = try #require(result.comparison(of: .creationTime))
        #expect(c.baseline == 1.5)  // median of the run medians 1.0, 2.0, 1.5; the pooled median is 1.0
        #expect(c.baselineCount == 7)
        #expect(c.baselineRuns == 3)
        #expect(result.baselineRunCount == 3)
        // The rank test sees the pooled samples: 7 against 2.
        #expect(c.rankTest == MannWhitneyTest([1, 1, 1, 1, 1, 2, 1.5], [1.5, 1.6]))

        let means = RunComparison(
            baseline: window, candidate: candidate, configuration: RegressionConfiguration(statistic: .mean))
        #expect(means.comparison(of: .creationTime)?.baseline == 1.5)  // run means 1.0, 2.0, 1.5; pooled mean 1.21
    }

    @Test func windowRunWithoutTheMetricDoesNotCount() throws {
        let runs = [Fixture.run([.creationTime: [1.0]]), Fixture.run(["e2e.cycle_s": [2.0]])]
        let result = RunComparison(
            baseline: Baseline(label: "w", runs: runs), candidate: Fixture.run([.creationTime: [1.0]]))
        #expect(result.comparison(of: .creationTime)?.baselineRuns == 1)
        #expect(result.comparison(of: "e2e.cycle_s")?.verdict == .missing)
    }

    @Test func metricsAreListedByNameFromBothSides() {
        let result = RunComparison(
            baseline: Fixture.baseline(["b.x_s": [1], "a.y_s": [1]]),
            candidate: Fixture.run(["c.z_s": [1], "a.y_s": [1]]))
        #expect(result.metrics.map(\.metric) == ["a.y_s", "b.x_s", "c.z_s"])
    }

    @Test func phaseShiftsComparePerPhaseMedians() throws {
        // e2e.cycle_s spans the whole lifecycle: every phase can explain it.
        let baseline = RunMeasurements(
            label: "b",
            samples: Fixture.samples(
                "e2e.cycle_s", [0.4, 0.41, 0.42],
                phases: [
                    Fixture.timings(create: 0.02, start: 0.30, run: 0.07, logs: 0.01, remove: 0.02),
                    Fixture.timings(create: 0.03, start: 0.31, run: 0.07, logs: 0.01, remove: 0.02),
                    Fixture.timings(create: 0.02, start: 0.32, run: 0.07, logs: 0.01, remove: 0.02),
                ]))
        let candidate = RunMeasurements(
            label: "c",
            samples: Fixture.samples(
                "e2e.cycle_s", [0.45, 0.46, 0.47],
                phases: [
                    Fixture.timings(create: 0.02, start: 0.31, run: 0.12, logs: 0.01, remove: 0.01),
                    Fixture.timings(create: 0.02, start: 0.31, run: 0.13, logs: 0.01, remove: 0.01),
                    Fixture.timings(create: 0.02, start: 0.33, run: 0.11, logs: 0.01, remove: 0.01),
                ]))
        let c = try #require(
            RunComparison(baseline: Baseline(baseline), candidate: candidate).comparison(of: "e2e.cycle_s"))
        #expect(c.phases.map(\.phase) == [.create, .start, .run, .logs, .remove])
        let moved = try #require(c.phaseThatMovedMost)
        #expect(moved.phase == .run)
        #expect(abs(moved.delta - 0.05) < 1e-12)
        #expect(abs(try #require(c.phases.first { $0.phase == .remove }).delta + 0.01) < 1e-12)
    }

    @Test func creationTimeIsExplainedOnlyByTheCreateAndStartPhases() throws {
        let slowerRun = [Fixture.timings(create: 0.02, start: 0.31, run: 0.50, logs: 0.01, remove: 0.01)]
        let baseline = RunMeasurements(
            label: "b",
            samples: Fixture.samples(
                .creationTime, [0.32],
                phases: [Fixture.timings(create: 0.02, start: 0.30, run: 0.07, logs: 0.01, remove: 0.02)]))
        let candidate = RunMeasurements(label: "c", samples: Fixture.samples(.creationTime, [0.33], phases: slowerRun))
        let c = try #require(
            RunComparison(baseline: Baseline(baseline), candidate: candidate).comparison(of: .creationTime))
        // The run phase moved far more, but creation time is create + start: it cannot be the reason.
        #expect(c.phases.map(\.phase) == [.create, .start])
        #expect(c.phaseThatMovedMost?.phase == .start)
    }

    @Test func noPhaseGotSlowerMeansNoPhaseToBlame() {
        let faster = [
            PhaseShift(phase: .create, baselineMedian: 0.03, currentMedian: 0.02),
            PhaseShift(phase: .start, baselineMedian: 0.3, currentMedian: 0.3),
        ]
        #expect(PhaseShift.largestWorsening(in: faster) == nil)
    }

    @Test func samplesWithoutPhasesHaveNoShifts() throws {
        let result = RunComparison(
            baseline: Fixture.baseline(["parallel.speedup": [2]]), candidate: Fixture.run(["parallel.speedup": [1.5]]))
        #expect(result.comparison(of: "parallel.speedup")?.phases.isEmpty == true)
    }

    @Test func environmentDifferencesAreWarningsByName() {
        let old = EnvironmentFingerprint(
            host: "a", cpuCount: 2, kernel: "6.1", runcVersion: "1.1.5", imageID: "sha256:1")
        var new = old
        new.host = "b"
        new.runcVersion = "1.1.12"
        new.imageID = "sha256:2"
        var older = old
        older.kernel = "6.0"
        let baseline = Baseline(
            label: "window",
            runs: [
                Fixture.run([.creationTime: [1]], label: "1", environment: older),
                Fixture.run([.creationTime: [1]], label: "2", environment: old),
                Fixture.run([.creationTime: [1]], label: "3", environment: old),
            ])
        let result = RunComparison(baseline: baseline, candidate: Fixture.run([.creationTime: [1]], environment: new))
        // Newest baseline run first, each difference once.
        #expect(result.environmentDifferences.map(\.field) == ["runc version", "sandbox image id", "kernel"])
        #expect(result.environmentDifferences.filter { $0.field == "kernel" }.map(\.baseline) == ["6.0"])
    }

    @Test func noEnvironmentNoWarnings() {
        let result = RunComparison(
            baseline: Fixture.baseline([.creationTime: [1]]), candidate: Fixture.run([.creationTime: [1]]))
        #expect(result.environmentDifferences.isEmpty)
    }
}
