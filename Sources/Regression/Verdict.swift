import BenchModel

/// What a metric did between baseline and candidate.
///
/// - `unchanged`: the relative change is at most the minimum effect (5 % by default), or both
///   figures are equal.
/// - `regression` / `improvement`: the change is larger than the minimum effect, in the worse /
///   better direction of the metric, AND significant: the rank test's p < alpha (0.05) AND the
///   bootstrap interval lies entirely on the side of the change (when an interval exists).
/// - `noise`: larger than the minimum effect but not significant (too few samples, p ≥ alpha,
///   or an interval that includes no change).
/// - `new` / `missing`: measured in the candidate only / in the baseline only.
///
/// A zero baseline with a non-zero candidate has no relative change; it counts as a large
/// effect and its significance rests on the p-value alone.
package enum Verdict: String, Sendable, Codable, CaseIterable {
    case regression
    case improvement
    case unchanged
    case noise
    case new
    case missing

    package static func classify(
        baseline: Double?, current: Double?, direction: Direction, isSignificant: Bool, minimumEffect: Double
    ) -> Verdict {
        guard let baseline else { return .new }
        guard let current else { return .missing }
        guard baseline != current else { return .unchanged }
        if let change = RelativeChange.of(baseline: baseline, current: current),
            !BoundaryTolerance.isAbove(abs(change), limit: minimumEffect)
        {
            return .unchanged
        }
        guard isSignificant else { return .noise }
        return RelativeChange.isWorse(baseline: baseline, current: current, direction: direction)
            ? .regression : .improvement
    }
}
