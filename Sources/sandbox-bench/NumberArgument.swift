import ArgumentParser

/// Numbers as the command line takes them: plain decimal digits within a stated range.
///
/// Every numeric option parses unconditionally and through here. ArgumentParser's default
/// parsing reads `--limit -5` as a missing value followed by an unknown option, and Swift's own
/// number parsing takes `-0`, `+5`, `1e3`, `inf` or `nan`; here each of them gets a sentence
/// that says what to write instead.
enum NumberArgument {
    /// A whole number such as `--iterations 10`.
    static func whole<T: FixedWidthInteger & Sendable>(_ text: String, in range: ClosedRange<T>) throws -> T {
        let expected = "give a whole number from \(range.lowerBound) to \(range.upperBound)"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-") { throw ValidationError("negative values are out of range; \(expected).") }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError("not a whole number; \(expected).")
        }
        guard let value = T(trimmed), range.contains(value) else { throw ValidationError("out of range; \(expected).") }
        return value
    }

    /// A decimal number such as `--engine-deadline 7.5`: digits with at most one point.
    static func decimal(_ text: String, in range: ClosedRange<Double>, unit: String) throws -> Double {
        let expected = "give \(unit) from \(format(range.lowerBound)) to \(format(range.upperBound))"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-") { throw ValidationError("negative values are out of range; \(expected).") }
        guard let value = plainDecimal(trimmed) else {
            throw ValidationError("not a plain decimal number such as 0.5; \(expected).")
        }
        guard range.contains(value) else { throw ValidationError("out of range; \(expected).") }
        return value
    }

    /// Digits with at most one point (`0.5`, `.5`, `5.`), as a finite number; nil for anything else.
    static func plainDecimal(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A run id on the command line: a whole number of 1 or more, as `runs list` shows it.
enum RunID {
    static func parse(_ text: String) throws -> Int64 {
        try NumberArgument.whole(text, in: 1...Int64.max)
    }
}
