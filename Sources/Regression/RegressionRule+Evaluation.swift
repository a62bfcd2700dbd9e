import BenchModel

/// What a rule's evaluation knows beyond the metric comparisons: the two sides as a whole.
package struct RuleSides: Sendable {
    package var candidate: RunMeasurements
    /// How the baseline is named; nil when there is no baseline at all (the very first run).
    package var baselineLabel: String?

    package init(candidate: RunMeasurements, baselineLabel: String?) {
        self.candidate = candidate
        self.baselineLabel = baselineLabel
    }
}

extension RegressionRule {
    /// One outcome per metric the rule watches, from the comparisons of those metrics.
    ///
    /// A metric the candidate lacks is `skipped` only when the candidate did not plan its spec
    /// (a suite narrowed with `--spec`, or without that spec), and `missing` otherwise: a run that
    /// lost its samples cannot pass. A relative rule is skipped when there is no baseline at all,
    /// and `missing` when there is one that lacks the metric: that baseline cannot serve.
    package func evaluate(
        _ comparisons: [MetricID: MetricComparison], configuration: RegressionConfiguration, sides: RuleSides
    ) -> [RuleOutcome] {
        metrics.map { metric in
            if name == Self.isolationWeakening.name {
                return weakeningOutcome(metric, comparisons[metric], sides: sides)
            }
            let statistic = SummaryStatistic.compared(for: metric, preferred: configuration.statistic)
            guard let comparison = comparisons[metric], let current = comparison.current else {
                return unmeasured(metric, statistic: statistic, baseline: comparisons[metric]?.baseline, sides: sides)
            }
            switch limit {
            case .maxWorsening(let fraction):
                if comparison.baseline == nil, let label = sides.baselineLabel {
                    return RuleOutcome(
                        rule: self, metric: metric, status: .missing, statistic: comparison.statistic,
                        current: current,
                        message:
                            "\(subject(metric)) is missing from the baseline, \(label): it has no valid sample of it, "
                            + "so this baseline cannot serve for this rule.",
                        missingFrom: .baseline)
                }
                return relativeOutcome(
                    comparison, current: current, maxWorsening: fraction, settings: configuration.noise)
            case .bound(let bound):
                return boundOutcome(
                    comparison, current: current, bound: bound, environment: sides.candidate.environment)
            }
        }
    }

    /// The outcome for a metric the candidate has no valid sample of.
    private func unmeasured(_ metric: MetricID, statistic: SummaryStatistic, baseline: Double?, sides: RuleSides)
        -> RuleOutcome
    {
        let candidate = sides.candidate
        if let scope = candidate.scope, !scope.plans(metric) {
            return RuleOutcome(
                rule: self, metric: metric, status: .skipped, statistic: statistic, baseline: baseline,
                message: "\(subject(metric)) was not checked: \(scope.notPlanned(metric)).")
        }
        if RunScope.mayLack(metric) {
            return RuleOutcome(
                rule: self, metric: metric, status: .skipped, statistic: statistic, baseline: baseline,
                message: "\(subject(metric)) was not measured in this run (its host side needs pandas; see its notes).")
        }
        let planned =
            candidate.scope == nil
            ? ""
            : metric.spec == RunScope.runSpec
                ? ", which every run records" : ", though its spec \(metric.spec) was planned"
        return RuleOutcome(
            rule: self, metric: metric, status: .missing, statistic: statistic, baseline: baseline,
            message:
                "\(subject(metric)) is missing from \(candidate.label)\(planned): it has no valid sample of it, "
                + "so the rule cannot pass.",
            missingFrom: .candidate)
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
        if crossed, metric == Metric.parallel.efficiency.id, let cpus = environment?.cpuCount,
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
