import Foundation

extension MetricUnit {
    /// How a value of this unit reads everywhere: "0.412 s", "12.5 %", "0.340", "2". Always a
    /// point as the decimal separator, whatever the locale, so that output diffs and parses cleanly.
    package func format(_ value: Double) -> String {
        switch self {
        case .seconds: return "\(Self.plain(value)) s"
        case .percent: return "\(DecimalText.fixed(value, decimals: 1)) %"
        case .ratio: return DecimalText.fixed(value, decimals: 3)
        case .count: return DecimalText.fixed(value, decimals: value == value.rounded() ? 0 : 1)
        }
    }

    /// Three decimals below 10, fewer above, two significant digits (never an exponent) below 0.001.
    static func plain(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude < 0.001 {
            let decimals = min(12, 1 - Int(log10(magnitude).rounded(.down)))
            return DecimalText.fixed(value, decimals: decimals)
        }
        if magnitude < 10 { return DecimalText.fixed(value, decimals: 3) }
        if magnitude < 100 { return DecimalText.fixed(value, decimals: 2) }
        return DecimalText.fixed(value, decimals: 1)
    }
}
