import BenchModel

/// The samples of one run, grouped by metric, with what the run ran on.
package struct RunMeasurements: Sendable, Hashable {
    /// How reports name the run, for example `run 42`. Shown verbatim (escaped) in every format.
    package var label: String
    package var samples: [MetricID: [Sample]]
    package var environment: EnvironmentFingerprint?
    /// What the run planned to measure; nil when that is not known, and then every metric a rule
    /// watches is expected.
    package var scope: RunScope?

    package init(
        label: String, samples: [Sample], environment: EnvironmentFingerprint? = nil, scope: RunScope? = nil
    ) {
        self.init(
            label: label, samplesByMetric: Dictionary(grouping: samples, by: \.metric), environment: environment,
            scope: scope)
    }

    package init(
        label: String, samplesByMetric: [MetricID: [Sample]], environment: EnvironmentFingerprint? = nil,
        scope: RunScope? = nil
    ) {
        self.label = label
        self.samples = samplesByMetric.filter { !$0.value.isEmpty }
        self.environment = environment
        self.scope = scope
    }

    package var metrics: Set<MetricID> { Set(samples.keys) }

    /// The metric's samples with a finite value; a NaN or infinite value cannot be ranked or averaged.
    package func validSamples(of metric: MetricID) -> [Sample] {
        (samples[metric] ?? []).filter { $0.value.isFinite }
    }
}

/// What a candidate is compared with: one run, or a rolling window of the last K runs.
/// With several runs the baseline figure is the median of the runs' own figures, and the raw
/// samples are pooled for the rank test and the bootstrap.
package struct Baseline: Sendable, Hashable {
    /// How reports name the baseline, for example `baseline "nightly" (run 41)` or `median of runs 37–41`.
    package var label: String
    /// Oldest first.
    package var runs: [RunMeasurements]

    package init(label: String, runs: [RunMeasurements]) {
        self.label = label
        self.runs = runs
    }

    package init(_ run: RunMeasurements) {
        self.init(label: run.label, runs: [run])
    }

    /// Every field in which a baseline run's environment differs from the candidate's, each
    /// difference once, newest baseline run first.
    package func environmentDifferences(to candidate: EnvironmentFingerprint?) -> [EnvironmentFingerprint.Difference] {
        guard let candidate else { return [] }
        var seen = Set<EnvironmentFingerprint.Difference>()
        return runs.reversed().compactMap(\.environment).flatMap { $0.differences(to: candidate) }
            .filter { seen.insert($0).inserted }
    }
}
