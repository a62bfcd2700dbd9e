import BenchModel

extension RegressionRule {
    /// The sandbox must not hold fewer properties of the isolation standard than its baseline: a
    /// property the baseline held that the candidate does not hold (or could not verify) alerts,
    /// named. Each property is a fact, not a noisy figure: one loss is enough, significance is not
    /// asked for. A baseline that did not assess a property (older than the standard) is no loss.
    package static let isolationWeakening = RegressionRule(
        name: "isolation-weakening", title: "isolation property",
        metrics: IsolationProperty.allCases.map(\.metric), limit: .maxWorsening(0))

    /// Whether the rule judges noisy figures, which an A/B comparison samples until the verdict
    /// is clear: not the isolation-weakening rule, whose properties are facts.
    package var isStatistical: Bool { name != Self.isolationWeakening.name }

    /// The outcome of `isolationWeakening` for one property.
    func weakeningOutcome(_ metric: MetricID, _ comparison: MetricComparison?, sides: RuleSides) -> RuleOutcome {
        let statistic = SummaryStatistic.median
        let title = IsolationProperty.property(of: metric)?.title ?? metric.rawValue
        let subject = "\"\(title)\" (\(metric.rawValue))"
        func outcome(_ status: RuleOutcome.Status, _ message: String) -> RuleOutcome {
            RuleOutcome(
                rule: self, metric: metric, status: status, statistic: statistic, baseline: comparison?.baseline,
                current: comparison?.current, message: message)
        }
        if let scope = sides.candidate.scope, !scope.plans(metric) {
            return outcome(.skipped, "\(subject) was not checked: \(scope.notPlanned(metric)).")
        }
        guard let label = sides.baselineLabel, let baseline = comparison?.baseline else {
            return outcome(
                .skipped,
                sides.baselineLabel == nil
                    ? "\(subject) has no baseline to compare with."
                    : "\(subject) was not assessed in the baseline, so it cannot be lost.")
        }
        guard baseline >= 0.5 else {
            return outcome(.passed, "\(subject) was not held by the baseline, \(label), either.")
        }
        guard let current = comparison?.current else {
            return outcome(
                .alert,
                "\(subject) was held by the baseline, \(label), and could not be verified in "
                    + "\(sides.candidate.label): isolation lost.")
        }
        return current >= 0.5
            ? outcome(.passed, "\(subject) is held, as by the baseline.")
            : outcome(
                .alert,
                "\(subject) was held by the baseline, \(label), and is not held by \(sides.candidate.label): "
                    + "isolation lost.")
    }
}
