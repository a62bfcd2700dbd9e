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
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case regression
    case improvement
    case unchanged
    case noise
    case new
    case missing

    public static func classify(
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

/// Change is reported raw: (current − baseline) / |baseline|, positive when the figure went up,
/// whatever the metric's direction. Whether up is worse is a separate question, answered by
/// the metric's `Direction`; the worsening is the change with the sign that makes worse positive.
public enum RelativeChange {
    /// nil when the baseline is zero and the current figure is not: no percentage describes that.
    public static func of(baseline: Double, current: Double) -> Double? {
        if baseline == 0 { return current == 0 ? 0 : nil }
        return (current - baseline) / abs(baseline)
    }

    /// The change signed so that positive is worse: +0.2 = 20 % worse.
    public static func worsening(baseline: Double, current: Double, direction: Direction) -> Double? {
        of(baseline: baseline, current: current).map { direction == .smallerIsBetter ? $0 : -$0 }
    }

    public static func isWorse(baseline: Double, current: Double, direction: Direction) -> Bool {
        direction == .smallerIsBetter ? current > baseline : current < baseline
    }
}
