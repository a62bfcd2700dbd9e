import Foundation

/// Thresholds as users type them, on the command line or in the configuration file.
///
/// One rule keeps every accepted text unambiguous: a number followed by `%` is a percentage,
/// a bare number is a fraction. A bare number that could be read either way (`20` for a
/// slowdown: twenty percent, or twenty times?) is refused with a sentence saying what to write.
package enum ThresholdText {
    /// A relative change such as the creation slowdown limit: `20%` and `0.2` both mean a fifth.
    /// A bare number must be below 1: `20` or `1.5` are refused (write `20%` or `150%`).
    package static func relativeChange(_ text: String, option: String) throws -> Double {
        do {
            return try relativeChange(parse(text))
        } catch let rejection as Rejection {
            throw RegressionInputError.invalidValue(of: option, text: text, reason: rejection.reason)
        }
    }

    /// A share between 0 and 1, such as the parallel efficiency floor: `0.5` and `50%` are the same.
    package static func fraction(_ text: String, option: String) throws -> Double {
        do {
            return try fraction(parse(text))
        } catch let rejection as Rejection {
            throw RegressionInputError.invalidValue(of: option, text: text, reason: rejection.reason)
        }
    }

    /// Why a value is refused, as the end of a sentence that starts with the value.
    struct Rejection: Error {
        var reason: String
    }

    /// A threshold as written: `20%` is (20, percent), `0.2` is (0.2, bare).
    struct Number {
        var value: Double
        var isPercent: Bool
        /// The digits as written, for error sentences.
        var literal: String
        /// `value` as a fraction: the same for a bare number, `value` / 100 for a percentage.
        var fraction: Double

        /// A number a JSON file gave: bare, so `20` and `"20"` get the same answer.
        init(json value: Double) throws {
            guard value.isFinite else { throw Rejection(reason: "is not a number.") }
            guard value >= 0 else { throw Rejection(reason: "is negative: a threshold is 0 or more.") }
            self.value = value
            self.isPercent = false
            self.literal = Self.literal(value)
            self.fraction = value
        }

        static func literal(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }

        init(value: Double, isPercent: Bool, literal: String, fraction: Double) {
            self.value = value
            self.isPercent = isPercent
            self.literal = literal
            self.fraction = fraction
        }
    }

    /// The largest relative limit: a hundred times the baseline.
    static let maximumRelativeChange = 100.0

    static func relativeChange(_ number: Number) throws -> Double {
        guard number.isPercent || number.value < 1 else {
            let n = number.literal
            throw Rejection(
                reason: "is ambiguous: write \(n)% for \(n) percent, or a fraction below 1 such as 0.2 for 20 percent.")
        }
        guard number.fraction <= maximumRelativeChange else {
            throw Rejection(
                reason:
                    "is above 10000 % (a hundred times the baseline), a limit no change would reach; write one of 10000% or less."
            )
        }
        return number.fraction
    }

    static func fraction(_ number: Number) throws -> Double {
        guard number.fraction <= 1 else {
            throw Rejection(reason: "is above 1: write a fraction such as 0.5, or a percentage such as 50%.")
        }
        return number.fraction
    }

    static func parse(_ text: String) throws -> Number {
        var body = text.trimmingCharacters(in: .whitespaces)
        let isPercent = body.hasSuffix("%")
        if isPercent { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        if body.hasPrefix("-") { throw Rejection(reason: "is negative: a threshold is 0 or more.") }
        guard isDecimal(body), let value = Double(body), value.isFinite,
            let fraction = isPercent ? Double(movingPoint(of: body, by: -2)) : value
        else {
            throw Rejection(reason: "is not a number: write a percentage such as 20% or a fraction such as 0.2.")
        }
        return Number(value: value, isPercent: isPercent, literal: body, fraction: fraction)
    }

    /// `fraction` as a percentage that reads back as exactly `fraction`: 1.5 is "150%".
    static func percentage(_ fraction: Double) -> String {
        movingPoint(of: plainDigits(fraction), by: 2) + "%"
    }

    /// The shortest digits that read back as `value`, without an exponent ("1e+16" becomes
    /// "10000000000000000"), for a value of 0 or more.
    private static func plainDigits(_ value: Double) -> String {
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(text[text.index(after: e)...])
        else { return text }
        return movingPoint(of: String(text[..<e]), by: exponent)
    }

    /// `text` (decimal digits with at most one point) with its point moved `places` to the right,
    /// or to the left when negative. Moving the point in the text is exact; multiplying or
    /// dividing by 100 in binary floating point could be one unit in the last place off, and then
    /// a written percentage would not read back as the same value.
    static func movingPoint(of text: String, by places: Int) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var digits = Array(whole + (parts.count > 1 ? parts[1] : ""))
        var point = whole.count + places
        if point < 0 {
            digits.insert(contentsOf: repeatElement("0", count: -point), at: 0)
            point = 0
        }
        if point > digits.count { digits.append(contentsOf: repeatElement("0", count: point - digits.count)) }
        var head = String(digits[..<point]).drop { $0 == "0" }
        if head.isEmpty { head = "0" }
        let tail = String(digits[point...])
        return tail.isEmpty ? String(head) : "\(head).\(tail)"
    }

    /// Plain decimal notation only: digits with at most one point. `Double` would also take
    /// `1e1`, `inf` or `0x10`, which nobody means as a threshold.
    private static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
