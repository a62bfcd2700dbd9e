import BenchModel
import Regression
import Testing

@Suite struct IncompleteRunTests {
    @Test func aFailedRunIsJudgedByTheRulesThatNeedNoBaseline() {
        let candidate = RunMeasurements(
            label: "run 3",
            samples: [
                Sample(metric: .creationTime, iteration: 0, value: 0.4),
                Sample(metric: .leftoverContainers, iteration: 0, value: 2),
                Sample(metric: "security.violations", iteration: 0, value: 0),
            ])
        let comparison = RunComparison(incomplete: candidate, status: "failed")
        let outcome = { (metric: MetricID) in comparison.outcomes.first { $0.metric == metric } }
        #expect(comparison.baselineLabel == nil)
        #expect(comparison.alerts.map(\.metric) == [.leftoverContainers])
        #expect(outcome(.creationTime)?.status == .skipped)
        #expect(
            outcome(.creationTime)?.message
                == "creation time (creation.create_start_s) was not compared with a baseline: the run failed, so its figures are not a valid measurement."
        )
        #expect(outcome("security.violations")?.status == .passed)
    }
}
