import BenchModel
import Regression
import Reporting

/// The comparison as a terminal shows it (`diff`, `gate`): an aligned table, then the alerts,
/// then the environment differences. The cells are the report's (`ComparisonRow`), each made
/// terminal-safe.
package enum TerminalTable {
    package static func render(_ result: RunComparison) -> String {
        var lines = [TerminalSafe.inline(result.title), ComparisonRow.legend(result), ""]
        let rows = result.metrics.map { ComparisonRow($0).cells.map(TerminalSafe.inline) }
        lines += TextTable.lines(
            [ComparisonRow.headers(confidence: result.noise.confidence)] + rows,
            rightAligned: ComparisonRow.numericColumns)
        lines.append("")
        lines += alertLines(result)
        if !result.environmentDifferences.isEmpty {
            lines.append("")
            lines.append("Environment differences that can move the figures:")
            for difference in result.environmentDifferences {
                lines.append(
                    "  \(difference.field): \(TerminalSafe.inline(difference.baseline)) → \(TerminalSafe.inline(difference.current))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func alertLines(_ result: RunComparison) -> [String] {
        let alerts = result.alerts
        let missing = result.missing
        let withheld = result.withheld
        let skipped = result.outcomes.filter { $0.status == .skipped }.count
        var notes = missing.isEmpty ? "" : ", \(missing.count) not checked: metric missing"
        if !withheld.isEmpty { notes += ", \(withheld.count) withheld: the host was busy" }
        if skipped > 0 { notes += ", \(skipped) skipped" }
        let missingLines =
            missing.map { "  MISSING \($0.rule): \(TerminalSafe.inline($0.message))" }
            + withheld.map { "  WITHHELD \($0.rule): \(TerminalSafe.inline($0.message))" }
        guard !alerts.isEmpty else {
            let passed = ValueFormat.count(
                result.outcomes.count - skipped - missing.count - withheld.count, "rule check")
            let headline =
                !missing.isEmpty
                ? "No alert, but the gate cannot pass" : !withheld.isEmpty ? "No alert, but not decided" : "No alert"
            return ["\(headline): \(passed) passed\(notes)."] + missingLines
        }
        let checks = ValueFormat.count(result.outcomes.count, "rule check")
        return ["\(ValueFormat.count(alerts.count, "alert")) (\(checks)\(notes)):"]
            + alerts.map { "  ALERT \($0.rule): \(TerminalSafe.inline($0.message))" } + missingLines
    }
}
