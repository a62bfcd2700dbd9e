import BenchModel

/// When an interleaved A/B comparison may stop measuring a spec early: its verdict is clear.
///
/// At each look, every relative rule (`maxWorsening` L) on the spec's metrics gets a bootstrap
/// interval of B's worsening against A at confidence 1 − errorRate / looks (pair by pair,
/// `PairedChange`, when the configuration says `noise.paired` and the samples pair). The verdict is clear
/// when every interval lies wholly beyond its limit (a clear alert) or wholly within it (a clear
/// pass). With at most `looks` looks (Bonferroni), the chance that a comparison stops early on
/// the wrong side of a limit is at most `errorRate` per rule, as far as the bootstrap interval
/// holds its coverage. A comparison that never becomes clear runs to its maximum, where the rule
/// decides as it always does (the compared statistic against the limit).
package struct SequentialTest: Sendable, Hashable {
    package var errorRate: Double
    /// Looks planned at most, counting the first.
    package var looks: Int
    package var resamples: Int
    package var seed: UInt64

    package init(
        errorRate: Double = 0.05, looks: Int, resamples: Int = 4_000, seed: UInt64 = BootstrapInterval.defaultSeed
    ) {
        self.errorRate = errorRate
        self.looks = max(1, looks)
        self.resamples = resamples
        self.seed = seed
    }

    /// The confidence of each look's interval.
    package var confidencePerLook: Double { 1 - errorRate / Double(looks) }

    package enum Call: String, Sendable, Hashable {
        case clearAlert = "clear alert"
        case clearPass = "clear pass"
        case unclear
    }

    /// What the relative rules of `configuration` on metrics of `spec` say about B against A.
    /// Unclear while a watched metric has fewer than two samples on a side.
    package func call(spec: String, baseline: [Sample], candidate: [Sample], configuration: RegressionConfiguration)
        -> Call
    {
        var calls: [Call] = []
        for rule in configuration.rules where rule.isStatistical {
            guard case .maxWorsening(let limit) = rule.limit else { continue }
            for metric in rule.metrics where metric.spec == spec {
                guard
                    let interval = interval(
                        of: metric, baseline: baseline, candidate: candidate, configuration: configuration)
                else { return .unclear }
                // The worsening: up is worse for a time, down is worse for a speedup.
                let (lower, upper) =
                    metric.direction == .smallerIsBetter
                    ? (interval.lower, interval.upper) : (-interval.upper, -interval.lower)
                if BoundaryTolerance.isAbove(lower, limit: limit) {
                    calls.append(.clearAlert)
                } else if BoundaryTolerance.isBelow(upper, limit: limit) {
                    calls.append(.clearPass)
                } else {
                    return .unclear
                }
            }
        }
        guard !calls.isEmpty else { return .unclear }
        return calls.contains(.clearAlert) ? .clearAlert : .clearPass
    }

    /// The interval of B's change at this look's confidence: pair by pair when the configuration
    /// compares paired (`NoiseSettings.paired`) and the samples pair, else side against side.
    private func interval(
        of metric: MetricID, baseline: [Sample], candidate: [Sample], configuration: RegressionConfiguration
    ) -> BootstrapInterval? {
        let before = baseline.filter { $0.metric == metric && $0.value.isFinite }
        let after = candidate.filter { $0.metric == metric && $0.value.isFinite }
        if configuration.noise.paired, metric.unit == .seconds,
            let paired = PairedChange(
                baseline: before, candidate: after, confidence: confidencePerLook, resamples: resamples, seed: seed)
        {
            return paired.interval
        }
        return BootstrapInterval.relativeChange(
            baseline: before.map(\.value), candidate: after.map(\.value),
            statistic: SummaryStatistic.compared(for: metric, preferred: configuration.statistic),
            confidence: confidencePerLook, resamples: resamples, seed: seed)
    }

    /// The specs an A/B comparison measures sequentially: those with a metric a relative rule watches.
    package static func sequentialSpecs(of configuration: RegressionConfiguration) -> Set<String> {
        Set(
            configuration.rules.flatMap { rule -> [String] in
                guard rule.isStatistical, case .maxWorsening = rule.limit else { return [] }
                return rule.metrics.map(\.spec)
            })
    }
}
