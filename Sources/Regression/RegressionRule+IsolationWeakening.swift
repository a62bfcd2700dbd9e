import BenchModel

extension RegressionRule {
    /// The sandbox must not hold fewer properties of the isolation standard than its baseline: a
    /// property the baseline held that the candidate does not hold (or could not verify) alerts,
    /// named. Each property is a fact, not a noisy figure: one loss is enough, significance is not
    /// asked for. A baseline that did not assess a property (its suite had no security spec, or it
    /// is older than the standard) leaves the candidate judged against the standard itself: a
    /// property the candidate holds cannot have been lost, and one it does not hold is `missing`
    /// from that baseline, which cannot tell whether it was lost — never a pass.
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
        guard let label = sides.baselineLabel else {
            return outcome(.skipped, "\(subject) has no baseline to compare with.")
        }
        guard let baseline = comparison?.baseline else {
            // Neither side assessed the standard (both older than it): there is nothing to judge.
            guard sides.candidate.metrics.contains(where: { IsolationProperty.property(of: $0) != nil }) else {
                return outcome(.skipped, "\(subject) was assessed in neither run.")
            }
            return unassessedByBaseline(subject, current: comparison?.current, label: label, sides: sides, outcome)
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

    /// The outcome for a property the baseline did not assess, from the candidate alone: held is a
    /// pass (nothing is above the standard), not held or not verified is missing from the baseline.
    private func unassessedByBaseline(
        _ subject: String, current: Double?, label: String, sides: RuleSides,
        _ outcome: (RuleOutcome.Status, String) -> RuleOutcome
    ) -> RuleOutcome {
        if let current, current >= 0.5 {
            return outcome(
                .passed,
                "\(subject) is held by \(sides.candidate.label), as the isolation standard asks; the baseline, "
                    + "\(label), did not assess it.")
        }
        var missing = outcome(
            .missing,
            "\(subject) is \(current == nil ? "not verified" : "not held") in \(sides.candidate.label) and was not "
                + "assessed in the baseline, \(label): whether it was lost cannot be told, so this baseline "
                + "cannot serve for this rule.")
        missing.missingFrom = .baseline
        return missing
    }
}
