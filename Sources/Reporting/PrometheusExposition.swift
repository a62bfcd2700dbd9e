/// Builds text in the Prometheus text exposition format (version 0.0.4): a `# HELP` and a
/// `# TYPE` line per family, then its samples, label values escaped.
struct PrometheusExposition {
    struct Sample {
        var labels: [(String, String)]
        var value: Double
    }

    private(set) var text = ""

    /// Adds a gauge family; a family without samples is left out altogether.
    mutating func gauge(_ name: String, help: String, samples: [Sample]) {
        guard !samples.isEmpty else { return }
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) gauge\n"
        for sample in samples {
            let labels =
                sample.labels.isEmpty
                ? ""
                : "{" + sample.labels.map { "\($0.0)=\"\(Self.escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
            text += "\(name)\(labels) \(Self.format(sample.value))\n"
        }
    }

    mutating func gauge(_ name: String, help: String, value: Double?) {
        gauge(name, help: help, samples: value.map { [Sample(labels: [], value: $0)] } ?? [])
    }

    /// Backslash, double quote and line feed are the characters a label value escapes; other
    /// control characters (a label's ESC or BEL, a lone CR) have no escape in the format and
    /// would reach whatever shows the label, so they become U+FFFD.
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n", "\r\n": escaped += "\\n"
            case _ where character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }:
                escaped += "\u{FFFD}"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Help text escapes backslash and line feed only.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Go's float syntax, which Swift's description matches, plus the special values' spelling.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
