import BenchModel

extension SpecResult {
    /// What every backend stores for a spec: the samples with a finite value, a failure of its
    /// iteration for each sample without one (a database would store NaN as NULL, or refuse it),
    /// and the summary of every metric.
    package func preparedForStorage() -> (spec: SpecResult, summaries: [MetricSummary]) {
        var result = self
        result.samples = samples.filter { $0.value.isFinite }
        for sample in samples where !sample.value.isFinite {
            result.failures.append(
                SampleFailure(
                    metric: sample.metric, iteration: sample.iteration,
                    reason:
                        "The measured value was \(sample.value), not a finite number, so it was not stored as a sample."
                ))
        }
        let summaries = result.metrics.compactMap { MetricSummary(metric: $0, values: result.values(of: $0)) }
        return (result, summaries)
    }
}
