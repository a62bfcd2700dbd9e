import Foundation

/// Docker's size notation: a number with an optional unit `b`, `k`, `m` or `g` (binary multiples),
/// as in `--memory 512m`.
public enum ByteSize {
    public static func parse(_ text: String) -> Int64? {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        let units: [(String, Int64)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1)]
        for (suffix, multiplier) in units where lower.hasSuffix(suffix) {
            guard let value = Double(lower.dropLast(suffix.count)), value > 0 else { return nil }
            return Int64((value * Double(multiplier)).rounded())
        }
        guard let value = Int64(lower), value > 0 else { return nil }
        return value
    }

    /// The shortest exact notation: `512m`, `1g`, `1536m`.
    public static func format(_ bytes: Int64) -> String {
        for (suffix, multiplier) in [("g", Int64(1) << 30), ("m", Int64(1) << 20), ("k", Int64(1) << 10)]
        where bytes % multiplier == 0 {
            return "\(bytes / multiplier)\(suffix)"
        }
        return "\(bytes)b"
    }
}
