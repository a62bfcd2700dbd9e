import BenchModel

/// Change is reported raw: (current − baseline) / |baseline|, positive when the figure went up,
/// whatever the metric's direction. Whether up is worse is a separate question, answered by
/// the metric's `Direction`; the worsening is the change with the sign that makes worse positive.
package enum RelativeChange {
    /// nil when the baseline is zero and the current figure is not: no percentage describes that.
    package static func of(baseline: Double, current: Double) -> Double? {
        if baseline == 0 { return current == 0 ? 0 : nil }
        return (current - baseline) / abs(baseline)
    }

    /// The change signed so that positive is worse: +0.2 = 20 % worse.
    package static func worsening(baseline: Double, current: Double, direction: Direction) -> Double? {
        of(baseline: baseline, current: current).map { direction == .smallerIsBetter ? $0 : -$0 }
    }

    package static func isWorse(baseline: Double, current: Double, direction: Direction) -> Bool {
        direction == .smallerIsBetter ? current > baseline : current < baseline
    }
}
