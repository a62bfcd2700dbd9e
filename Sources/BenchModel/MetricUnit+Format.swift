import Foundation

extension MetricUnit {
    /// How a value of this unit reads everywhere — terminal tables, Markdown, HTML, charts,
    /// messages: "0.412 s", "0.000950 s", "12.5 %", "0.340", "2.15", "2". Times and ratios keep
    /// three significant digits (so 0.00095 s and 0.0012 s are written with the same precision,
    /// never "0.001 s" beside "0.00095 s"), percentages one decimal (a tenth of a percentage
    /// point), counts are whole. Always a point as the decimal separator, whatever the locale,
    /// so that output diffs and parses cleanly, and never an exponent.
    package func format(_ value: Double) -> String {
        switch self {
        case .seconds: return "\(Self.significant(value)) s"
        case .percent: return "\(DecimalText.fixed(value, decimals: 1)) %"
        case .ratio: return Self.significant(value)
        case .count: return DecimalText.fixed(value, decimals: value == value.rounded() ? 0 : 1)
        }
    }

    /// A difference between two values of this unit, signed: "+0.090 s", "-2". A difference of
    /// two percentages is in percentage points, "+18.9 pp": "+18.9 %" would read as a relative change.
    /// A difference that rounds to zero has no sign.
    package func formatDifference(_ difference: Double) -> String {
        let magnitude = formatDistance(difference)
        let roundsToZero = !magnitude.contains { $0.isNumber && $0 != "0" }
        return roundsToZero ? magnitude : (difference > 0 ? "+" : "-") + magnitude
    }

    /// The size of a difference, unsigned: "0.090 s", "18.9 pp".
    package func formatDistance(_ difference: Double) -> String {
        self == .percent ? Self.points(abs(difference)) : format(abs(difference))
    }

    /// Percentage points, one decimal: "18.9 pp".
    static func points(_ value: Double) -> String {
        "\(DecimalText.fixed(value, decimals: 1)) pp"
    }

    /// `value` with `digits` significant digits, written out in full (no exponent): 0.000950,
    /// 0.0412, 0.259, 1.23, 12.3, 123, 1235. Whole digits are never dropped; at most 12 decimals.
    package static func significant(_ value: Double, digits: Int = 3) -> String {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude.isFinite else { return magnitude == 0 ? "0" : "\(value)" }
        let exponent = Int(log10(magnitude).rounded(.down))
        var decimals = min(12, max(0, digits - 1 - exponent))
        // 0.9996 rounds to 1.000 with three decimals: one digit too many once it reaches the next power.
        let rounded = (magnitude * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        if decimals > 0, rounded >= pow(10, Double(exponent + 1)) { decimals -= 1 }
        return DecimalText.fixed(value, decimals: decimals)
    }
}
