import BenchModel
import Regression
/// The comparison as a terminal shows it: an aligned table, then the alerts, then the
/// environment differences.
public enum TerminalTable {
    public static func render(_ result: RunComparison) -> String {
        var lines = [TerminalText.clean(result.title), ComparisonRow.legend(result), ""]
        let rows = result.metrics.map { ComparisonRow($0).cells.map(TerminalText.clean) }
        lines += table(header: ComparisonRow.headers(confidence: result.noise.confidence), rows: rows)
        lines.append("")
        lines += alertLines(result)
        if !result.environmentDifferences.isEmpty {
            lines.append("")
            lines.append("Environment differences that can move the figures:")
            for difference in result.environmentDifferences {
                lines.append(
                    "  \(difference.field): \(TerminalText.clean(difference.baseline)) → \(TerminalText.clean(difference.current))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func alertLines(_ result: RunComparison) -> [String] {
        let alerts = result.alerts
        let skipped = result.outcomes.filter { $0.status == .skipped }.count
        let skippedNote = skipped > 0 ? ", \(skipped) skipped" : ""
        guard !alerts.isEmpty else {
            let passed = ValueFormat.count(result.outcomes.count - skipped, "rule check")
            return ["No alert: \(passed) passed\(skippedNote)."]
        }
        let checks = ValueFormat.count(result.outcomes.count, "rule check")
        return ["\(ValueFormat.count(alerts.count, "alert")) (\(checks)\(skippedNote)):"]
            + alerts.map { "  ALERT \($0.rule): \(TerminalText.clean($0.message))" }
    }

    private static func table(header: [String], rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return ComparisonRow.numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [line(header)] + rows.map(line)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
