import Foundation

/// Docker's size notation: a decimal number with an optional unit `b`, `k`, `m` or `g` (binary
/// multiples; `kb`, `mb`, `gb` too), as in `--memory 512m`.
///
/// Parsed exactly, in integers: `1.5g` is 1 610 612 736 bytes. A size that is not a whole
/// positive number of bytes (`0.4b`, `0.0001k`), that overflows 64 bits, or that is written with
/// an exponent, `inf` or `nan` is refused — a limit that rounds to 0 bytes would mean "no limit"
/// to the engine.
package enum ByteSize {
    package struct Rejection: Error, Equatable, CustomStringConvertible {
        /// The end of a sentence that starts with the text: "is not a size: …".
        package var reason: String
        package var description: String { reason }

        package init(reason: String) {
            self.reason = reason
        }
    }

    static let units: [(suffix: String, multiplier: Int64)] = [
        ("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1),
    ]

    /// The size in bytes, or nil when `text` is not a size (see ``bytes(_:)`` for why).
    package static func parse(_ text: String) -> Int64? {
        try? bytes(text)
    }

    /// The size in bytes; throws a ``Rejection`` that says what is wrong.
    package static func bytes(_ text: String) throws(Rejection) -> Int64 {
        var body = text.lowercased().trimmingCharacters(in: .whitespaces)
        var multiplier: Int64 = 1
        if let unit = units.first(where: { body.hasSuffix($0.suffix) }) {
            body.removeLast(unit.suffix.count)
            multiplier = unit.multiplier
        }
        if body.hasPrefix("-") { throw Rejection(reason: "is negative: a size is at least 1 byte") }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else {
            throw Rejection(
                reason:
                    "is not a size: write a whole or decimal number with an optional unit b, k, m or g, such as 512m or 1.5g"
            )
        }
        let tooLarge = Rejection(reason: "is too large: a size must fit in 64 bits of bytes")
        guard let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else { throw tooLarge }
        var (bytes, overflow) = whole.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw tooLarge }
        if parts.count == 2, !parts[1].isEmpty {
            // fraction × multiplier, exactly: digits / 10^count of a unit, and it must come out whole.
            let digits = parts[1].prefix(18)
            guard parts[1].dropFirst(18).allSatisfy({ $0 == "0" }), let numerator = Int64(digits) else {
                throw tooLarge
            }
            let denominator = (0..<digits.count).reduce(Int64(1)) { value, _ in value * 10 }
            let (scaled, scaledOverflow) = numerator.multipliedReportingOverflow(by: multiplier)
            guard !scaledOverflow else { throw tooLarge }
            guard scaled % denominator == 0 else {
                throw Rejection(reason: "is not a whole number of bytes")
            }
            (bytes, overflow) = bytes.addingReportingOverflow(scaled / denominator)
            guard !overflow else { throw tooLarge }
        }
        guard bytes > 0 else { throw Rejection(reason: "is 0 bytes: a size must be at least 1 byte") }
        return bytes
    }

    /// The shortest exact notation: `512m`, `1g`, `1536m`.
    package static func format(_ bytes: Int64) -> String {
        for (suffix, multiplier) in [("g", Int64(1) << 30), ("m", Int64(1) << 20), ("k", Int64(1) << 10)]
        where bytes % multiplier == 0 {
            return "\(bytes / multiplier)\(suffix)"
        }
        return "\(bytes)b"
    }
}
