import BenchModel

extension RegressionRule {
    /// One outcome per metric the rule watches, from the comparisons of those metrics.
    package func evaluate(
        _ comparisons: [MetricID: MetricComparison], configuration: RegressionConfiguration,
        candidateEnvironment: EnvironmentFingerprint? = nil
    ) -> [RuleOutcome] {
        metrics.map { metric in
            guard let comparison = comparisons[metric], let current = comparison.current else {
                return RuleOutcome(
                    rule: self, metric: metric, status: .skipped,
                    statistic: SummaryStatistic.compared(for: metric, preferred: configuration.statistic),
                    baseline: comparisons[metric]?.baseline,
                    message: "\(subject(metric)) was not measured in this run.")
            }
            switch limit {
            case .maxWorsening(let fraction):
                return relativeOutcome(
                    comparison, current: current, maxWorsening: fraction, settings: configuration.noise)
            case .bound(let bound):
                return boundOutcome(comparison, current: current, bound: bound, environment: candidateEnvironment)
            }
        }
    }

    private func relativeOutcome(
        _ comparison: MetricComparison, current: Double, maxWorsening: Double, settings: NoiseSettings
    ) -> RuleOutcome {
        let metric = comparison.metric
        guard let baseline = comparison.baseline else {
            return RuleOutcome(
                rule: self, metric: metric, status: .skipped, statistic: comparison.statistic, current: current,
                message: "\(subject(metric)) has no baseline to compare with.")
        }
        let exceeds: Bool =
            if let worsening = comparison.worsening {
                BoundaryTolerance.isAbove(worsening, limit: maxWorsening)
            } else {
                RelativeChange.isWorse(baseline: baseline, current: current, direction: metric.direction)
            }
        let heldBack = exceeds && settings.requiredForAlerts && !comparison.isSignificant
        let status: RuleOutcome.Status = exceeds && !heldBack ? .alert : .passed
        let movedMost = exceeds ? comparison.phaseThatMovedMost : nil

        var sentence = RuleSentence.relativeChange(subject: subject(metric), comparison: comparison)
        let limitText = ValueFormat.percentage(maxWorsening)
        if !exceeds {
            sentence += ", within the \(limitText) limit"
        } else if heldBack {
            sentence +=
                ", beyond the \(limitText) limit but not statistically significant, so no alert"
                + " (significance is required)"
        } else {
            sentence += ", beyond the \(limitText) limit"
            if !comparison.isSignificant { sentence += "; " + RuleSentence.notSignificant(comparison) }
        }
        if let movedMost { sentence += "; " + RuleSentence.phase(movedMost) }
        return RuleOutcome(
            rule: self, metric: metric, status: status, statistic: comparison.statistic, baseline: baseline,
            current: current, change: comparison.change, interval: comparison.interval,
            pValue: comparison.pValue, isSignificant: comparison.isSignificant, movedMost: movedMost,
            message: sentence + ".")
    }

    private func boundOutcome(
        _ comparison: MetricComparison, current: Double, bound: Double, environment: EnvironmentFingerprint?
    ) -> RuleOutcome {
        let metric = comparison.metric
        let isCeiling = metric.direction == .smallerIsBetter
        let crossed =
            isCeiling
            ? BoundaryTolerance.isAbove(current, limit: bound) : BoundaryTolerance.isBelow(current, limit: bound)
        let movedMost = crossed ? comparison.phaseThatMovedMost : nil

        var sentence = RuleSentence.bound(
            subject: subject(metric), comparison: comparison, current: current, bound: bound, isCeiling: isCeiling,
            crossed: crossed)
        if crossed, metric == .parallelEfficiency, let cpus = environment?.cpuCount,
            (1..<Self.parallelContainerCount).contains(cpus)
        {
            sentence += "; " + RuleSentence.fewCores(cpus: cpus, containers: Self.parallelContainerCount)
        }
        if let movedMost { sentence += "; " + RuleSentence.phase(movedMost) }
        return RuleOutcome(
            rule: self, metric: metric, status: crossed ? .alert : .passed, statistic: comparison.statistic,
            baseline: comparison.baseline, current: current, change: comparison.change, movedMost: movedMost,
            message: sentence + ".")
    }

    /// "creation time (creation.create_start_s)", or just the metric when the title is its name.
    func subject(_ metric: MetricID) -> String {
        Self.subject(title: title, metric: metric)
    }

    static func subject(title: String, metric: MetricID) -> String {
        title == metric.rawValue ? metric.rawValue : "\(title) (\(metric.rawValue))"
    }
}
