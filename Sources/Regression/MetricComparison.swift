import BenchModel

/// One metric, baseline against candidate: the figures, the change, how sure we are of it, and
/// which lifecycle phase moved.
package struct MetricComparison: Sendable, Codable, Hashable {
    package var metric: MetricID
    package var unit: MetricUnit
    package var direction: Direction
    /// The statistic behind `baseline` and `current`: the chosen one, or `total` for counts.
    package var statistic: SummaryStatistic
    /// nil when the metric was not measured on that side.
    package var baseline: Double?
    package var current: Double?
    /// Raw relative change, positive when the figure went up (see `RelativeChange`).
    /// nil when a side is missing, or the baseline is zero and the current figure is not.
    /// When compared pair by pair (`paired`), the paired estimate rather than current against baseline.
    package var change: Double?
    package var interval: BootstrapInterval?
    package var rankTest: MannWhitneyTest?
    /// The pair-by-pair comparison (`NoiseSettings.paired`); when present, its estimate, interval
    /// and signed-rank test are the change, interval and test this comparison judges by.
    package var paired: PairedChange?
    package var isSignificant: Bool
    package var verdict: Verdict
    /// Valid samples on each side; the baseline's are pooled over its runs.
    package var baselineCount: Int
    package var currentCount: Int
    /// Baseline runs that measured the metric.
    package var baselineRuns: Int
    /// Per-phase medians for metrics whose samples carry lifecycle timings.
    package var phases: [PhaseShift]

    package init(
        metric: MetricID, baselineRuns: [RunMeasurements], candidate: RunMeasurements,
        statistic preferred: SummaryStatistic, settings: NoiseSettings
    ) {
        let statistic = SummaryStatistic.compared(for: metric, preferred: preferred)
        let runSamples = baselineRuns.map { $0.validSamples(of: metric) }.filter { !$0.isEmpty }
        let pooled = runSamples.flatMap { $0.map(\.value) }
        let currentSamples = candidate.validSamples(of: metric)
        let currentValues = currentSamples.map(\.value)

        self.metric = metric
        self.unit = metric.unit
        self.direction = metric.direction
        self.statistic = statistic
        let perRun = runSamples.compactMap { statistic.value(of: $0.map(\.value)) }
        self.baseline = perRun.isEmpty ? nil : Statistics.median(perRun)
        self.current = statistic.value(of: currentValues)
        self.baselineCount = pooled.count
        self.currentCount = currentValues.count
        self.baselineRuns = runSamples.count
        if let baseline, let current {
            change = RelativeChange.of(baseline: baseline, current: current)
        }
        rankTest = MannWhitneyTest(pooled, currentValues)
        if settings.paired, metric.unit == .seconds, runSamples.count == 1, baseline != nil, current != nil,
            let paired = PairedChange(
                baseline: runSamples[0], candidate: currentSamples, confidence: settings.confidence,
                resamples: settings.resamples, seed: settings.seed)
        {
            self.paired = paired
            change = paired.estimate
            interval = paired.interval
            isSignificant = Self.isSignificant(paired, alpha: settings.alpha)
        } else {
            interval = BootstrapInterval.relativeChange(
                baseline: pooled, candidate: currentValues, statistic: statistic, confidence: settings.confidence,
                resamples: settings.resamples, seed: settings.seed)
            isSignificant = Self.isSignificant(
                baseline: baseline, current: current, rankTest: rankTest, interval: interval, alpha: settings.alpha)
        }
        // Paired, the verdict judges the estimate: baseline 1 against current 1 + estimate.
        verdict = Verdict.classify(
            baseline: paired == nil ? baseline : 1, current: paired.map { 1 + $0.estimate } ?? current,
            direction: direction,
            isSignificant: isSignificant, minimumEffect: settings.minimumEffect)
        phases = PhaseShift.shifts(
            baselineRuns: runSamples, candidate: currentSamples, phases: metric.declaration.phases)
    }

    /// The change signed so that positive is worse.
    package var worsening: Double? {
        if let paired { return direction == .smallerIsBetter ? paired.estimate : -paired.estimate }
        guard let baseline, let current else { return nil }
        return RelativeChange.worsening(baseline: baseline, current: current, direction: direction)
    }

    /// The p-value this comparison judges by: the signed-rank test's when paired, else the rank test's.
    package var pValue: Double? { paired != nil ? paired?.signedRank?.pValue : rankTest?.pValue }

    /// The phase that got slower by the most seconds, when the samples carry phase timings.
    package var phaseThatMovedMost: PhaseShift? { PhaseShift.largestWorsening(in: phases) }

    /// Paired: the signed-rank p below alpha, and the interval entirely on the side the estimate moved to.
    static func isSignificant(_ paired: PairedChange, alpha: Double) -> Bool {
        guard paired.estimate != 0, let test = paired.signedRank, test.pValue < alpha else { return false }
        guard let interval = paired.interval else { return true }
        return paired.estimate > 0 ? interval.lower > 0 : interval.upper < 0
    }

    /// p below alpha, and the interval (when there is one) entirely on the side the figure moved to.
    static func isSignificant(
        baseline: Double?, current: Double?, rankTest: MannWhitneyTest?, interval: BootstrapInterval?, alpha: Double
    ) -> Bool {
        guard let baseline, let current, baseline != current, let rankTest, rankTest.pValue < alpha else {
            return false
        }
        guard let interval else { return true }
        return current > baseline ? interval.lower > 0 : interval.upper < 0
    }
}
