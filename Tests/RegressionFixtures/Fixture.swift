import BenchModel
import Regression

/// Small builders for runs and baselines in tests.
package enum Fixture {
    package static func samples(_ metric: MetricID, _ values: [Double], phases: [PhaseTimings?] = []) -> [Sample] {
        values.enumerated().map { index, value in
            Sample(metric: metric, iteration: index, value: value, phases: index < phases.count ? phases[index] : nil)
        }
    }

    package static func run(
        _ values: [MetricID: [Double]], label: String = "candidate", environment: EnvironmentFingerprint? = nil
    ) -> RunMeasurements {
        RunMeasurements(
            label: label, samples: values.flatMap { samples($0.key, $0.value) }, environment: environment)
    }

    package static func baseline(_ values: [MetricID: [Double]], label: String = "baseline") -> Baseline {
        Baseline(run(values, label: label))
    }

    /// Compares one metric's values and returns the rule outcomes for it.
    package static func outcomes(
        _ metric: MetricID, baseline: [Double]?, current: [Double]?,
        configuration: RegressionConfiguration = RegressionConfiguration()
    ) -> [RuleOutcome] {
        let result = RunComparison(
            baseline: baseline.map { Fixture.baseline([metric: $0]) },
            candidate: run(current.map { [metric: $0] } ?? [:]),
            configuration: configuration)
        return result.outcomes.filter { $0.metric == metric }
    }

    package static func timings(create: Double, start: Double, run: Double, logs: Double, remove: Double)
        -> PhaseTimings
    {
        PhaseTimings([.create: create, .start: start, .run: run, .logs: logs, .remove: remove])
    }
}
