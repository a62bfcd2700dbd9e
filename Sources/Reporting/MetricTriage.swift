import BenchModel
import Regression

/// The metric rows in the order a reader should see them: alerts, then regressions that raised
/// no alert (each with the reason), then improvements; unchanged, noise, new and missing rows
/// are folded away. Used by the HTML page and the Markdown.
package struct MetricTriage: Sendable {
    package enum Group: String, Sendable, CaseIterable {
        /// A rule alerted on the metric.
        case alert
        /// An alert this tool expects on the host (the efficiency floor on too few cores).
        case expectedAlert = "expected"
        /// Worse beyond the minimum effect and significant, or beyond a rule's limit but held
        /// back as not significant; no alert.
        case regression
        case improvement
        /// Unchanged, noise, new and missing: folded.
        case folded

        package var isFolded: Bool { self == .folded }
    }

    package struct Row: Sendable {
        package var comparison: MetricComparison
        package var group: Group
        /// Why a regression raised no alert, or which rule an alert comes from.
        package var reason: String?

        /// The verdict as the tables state it: a row that alerted says so, where the comparison
        /// alone would say "regression".
        package var verdictText: String {
            switch group {
            case .alert: "alert"
            case .expectedAlert: "alert (expected)"
            case .regression, .improvement, .folded: comparison.verdict.rawValue
            }
        }
    }

    package var rows: [Row]

    /// `alerts` are the messages of the alerts that stand; `expected` those this tool expects on the host.
    package init(_ comparison: RunComparison, standing alerts: [String], expected: [String]) {
        let outcomes = Dictionary(grouping: comparison.outcomes, by: \.metric)
        let triaged = comparison.metrics.map { metric -> Row in
            let ruled = outcomes[metric.metric] ?? []
            if let alert = ruled.first(where: { $0.isAlert && alerts.contains($0.message) }) {
                let isExpected = expected.contains(alert.message)
                return Row(
                    comparison: metric, group: isExpected ? .expectedAlert : .alert,
                    reason: "rule \(alert.rule)" + (isExpected ? ", expected on this host" : ""))
            }
            if let heldBack = ruled.first(where: Self.isHeldBack) {
                return Row(
                    comparison: metric, group: .regression,
                    reason: "beyond the \(heldBack.rule) limit but not significant")
            }
            switch metric.verdict {
            case .regression:
                return Row(comparison: metric, group: .regression, reason: Self.reason(ruled))
            case .improvement:
                return Row(comparison: metric, group: .improvement, reason: nil)
            case .unchanged, .noise, .new, .missing:
                return Row(comparison: metric, group: .folded, reason: nil)
            }
        }
        let order = Group.allCases
        rows = triaged.enumerated().sorted { left, right in
            let (l, r) = (order.firstIndex(of: left.element.group)!, order.firstIndex(of: right.element.group)!)
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
    }

    package var leading: [Row] { rows.filter { !$0.group.isFolded } }
    package var folded: [Row] { rows.filter(\.group.isFolded) }

    /// "12 unchanged, 5 noise, 1 new"
    package static func foldedSummary(_ rows: [Row]) -> String {
        let counts = [Verdict.unchanged, .noise, .new, .missing].compactMap { verdict -> String? in
            let n = rows.filter { $0.comparison.verdict == verdict }.count
            return n == 0 ? nil : "\(n) \(verdict.rawValue)"
        }
        return counts.joined(separator: ", ")
    }

    /// Why a significant regression raised no alert.
    static func reason(_ outcomes: [RuleOutcome]) -> String {
        guard let outcome = outcomes.first(where: { $0.status == .passed }) else {
            return outcomes.isEmpty ? "no rule watches it" : "its rule was not checked"
        }
        switch outcome.limit {
        case .maxWorsening(let fraction):
            return "within the \(ValueFormat.percentage(fraction)) limit of \(outcome.rule)"
        case .bound: return "within the bound of \(outcome.rule)"
        }
    }

    /// A relative rule whose limit the change crossed but which required significance.
    static func isHeldBack(_ outcome: RuleOutcome) -> Bool {
        guard outcome.status == .passed, outcome.isSignificant == false,
            case .maxWorsening(let fraction) = outcome.limit,
            let baseline = outcome.baseline, let current = outcome.current, baseline != 0
        else { return false }
        let worse =
            outcome.metric.direction == .smallerIsBetter
            ? (current - baseline) / abs(baseline) : (baseline - current) / abs(baseline)
        return worse > fraction
    }
}
