import Foundation

/// Numbers as text the way `String(format: "%.Nf")` and `"%0Nd"` write them, without going
/// through Foundation's formatter: the history site prints about a million figures and dates
/// (3,650 run pages), and `String(format:)` was the largest part of its time.
package enum DecimalText {
    /// `value` with `decimals` digits after the point, rounded as `printf` rounds: to the nearest,
    /// the exact binary value deciding. A product that lands exactly on a half (where scaling may
    /// have rounded) and values out of range are left to `String(format:)`.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, decimals >= 0, decimals < powersOfTen.count else { return formatted(value, decimals) }
        let scale = powersOfTen[decimals]
        let scaled = abs(value) * Double(scale)
        guard scaled < 1e15, scaled - scaled.rounded(.down) != 0.5 else { return formatted(value, decimals) }
        let units = UInt64(scaled.rounded())
        var text = value.sign == .minus ? "-" : ""
        text += String(units / scale)
        if decimals > 0 {
            text += "."
            text += padded(units % scale, width: decimals)
        }
        return text
    }

    /// A whole number with leading zeros up to `width` digits: `padded(7, width: 2)` is "07".
    package static func padded<Number: BinaryInteger>(_ value: Number, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static let powersOfTen: [UInt64] = (0...12).map { exponent in
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    private static func formatted(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
