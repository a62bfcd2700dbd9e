import Foundation

extension MetricUnit {
    /// How a value of this unit reads everywhere: "0.412 s", "12.5 %", "0.340", "2". Always a
    /// point as the decimal separator, whatever the locale, so that output diffs and parses cleanly.
    public func format(_ value: Double) -> String {
        switch self {
        case .seconds: return "\(Self.plain(value)) s"
        case .percent: return "\(String(format: "%.1f", value)) %"
        case .ratio: return String(format: "%.3f", value)
        case .count: return value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
        }
    }

    /// Three decimals below 10, fewer above, two significant digits (never an exponent) below 0.001.
    static func plain(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude < 0.001 {
            let decimals = min(12, 1 - Int(log10(magnitude).rounded(.down)))
            return String(format: "%.\(decimals)f", value)
        }
        if magnitude < 10 { return String(format: "%.3f", value) }
        if magnitude < 100 { return String(format: "%.2f", value) }
        return String(format: "%.1f", value)
    }
}
