import BenchModel
import Foundation

/// How figures read in every report: "0.412 s", "+24.3 %", "p = 0.002". Always a point as the
/// decimal separator, whatever the locale, so that reports diff cleanly and parse back.
package enum ValueFormat {
    /// A value in its metric's unit.
    package static func value(_ value: Double, unit: MetricUnit) -> String {
        unit.format(value)
    }

    /// A difference of two values in the unit, with its sign: "+0.090 s"; of percentages, in
    /// percentage points: "+18.9 pp".
    package static func delta(_ value: Double, unit: MetricUnit) -> String {
        unit.formatDifference(value)
    }

    /// How the change of a metric reads in every table and message: relative, "+24.3 %", but for
    /// a metric that is itself a percentage the difference in percentage points, "+18.9 pp" — an
    /// overhead going from 0.1 % to 19 % is not "+18900 %". nil when neither can be told (a side
    /// missing; a relative change from a baseline of zero).
    package static func change(
        _ fraction: Double?, baseline: Double?, current: Double?, unit: MetricUnit
    ) -> String? {
        if unit == .percent, let baseline, let current { return delta(current - baseline, unit: unit) }
        return fraction.map(change)
    }

    /// A relative change given as a fraction, signed: 0.243 → "+24.3 %".
    package static func change(_ fraction: Double) -> String {
        let percent = fraction * 100
        let text = DecimalText.fixed(abs(percent), decimals: 1)
        if text == "0.0" { return "0.0 %" }
        return (percent > 0 ? "+" : "-") + text + " %"
    }

    /// The size of a relative change, unsigned, one decimal: -0.243 → "24.3 %".
    package static func magnitude(_ fraction: Double) -> String {
        DecimalText.fixed(abs(fraction) * 100, decimals: 1) + " %"
    }

    /// A fraction as an unsigned percentage: 0.2 → "20 %", 0.125 → "12.5 %".
    package static func percentage(_ fraction: Double) -> String {
        let percent = fraction * 100
        let rounded = (percent * 10).rounded() / 10
        return DecimalText.fixed(rounded, decimals: rounded == rounded.rounded() ? 0 : 1) + " %"
    }

    /// "0.002", or "< 0.001" where three decimals would print zero.
    package static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : DecimalText.fixed(p, decimals: 3)
    }

    /// "p = 0.002" or "p < 0.001", for sentences.
    package static func pClause(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = \(pValue(p))"
    }

    /// "+18.0 % … +31.2 %"
    package static func interval(_ interval: BootstrapInterval) -> String {
        "\(change(interval.lower)) … \(change(interval.upper))"
    }

    /// "95 %"
    package static func confidence(_ interval: BootstrapInterval) -> String {
        percentage(interval.confidence)
    }

    /// "1 rule check", "3 rule checks"; `plural` where adding an "s" is wrong:
    /// `count(2, "process", plural: "processes")`.
    package static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}
