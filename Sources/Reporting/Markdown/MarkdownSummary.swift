import BenchModel
import Regression

/// The comparison as GitHub-flavoured Markdown for a CI job page: a headline, a table of the
/// metrics that moved (the unchanged ones folded away), the alerts, the environment differences.
package enum MarkdownSummary {
    package static func render(_ result: RunComparison) -> String {
        var blocks = ["### sandbox-bench: \(MarkdownText.escape(result.title))", headline(result)]
        let moved = result.metrics.filter { $0.verdict != .unchanged }
        let unchanged = result.metrics.filter { $0.verdict == .unchanged }
        let header = ComparisonRow.headers(confidence: result.noise.confidence)
        if result.metrics.isEmpty {
            blocks.append("No metric was measured.")
        } else if moved.isEmpty {
            blocks.append(
                "Every metric is within \(ValueFormat.percentage(result.noise.minimumEffect)) of the baseline.")
        } else {
            blocks.append(table(header: header, rows: moved))
        }
        if !unchanged.isEmpty {
            blocks.append(
                "<details><summary>\(ValueFormat.count(unchanged.count, "unchanged metric"))</summary>\n\n"
                    + table(header: header, rows: unchanged) + "\n\n</details>")
        }
        blocks.append("_\(MarkdownText.escape(ComparisonRow.legend(result)))_")
        blocks.append(alerts(result))
        if !result.environmentDifferences.isEmpty {
            let rows = result.environmentDifferences.map { [$0.field, $0.baseline, $0.current] }
            blocks.append(
                "#### Environment differences\n\nThese can move the figures:\n\n"
                    + tableLines(header: ["", "baseline", "current"], alignments: ["---", "---", "---"], rows: rows))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func headline(_ result: RunComparison) -> String {
        let alerts = result.alerts.count
        let missing = result.missing.count
        var status = alerts == 0 ? "**No alert**" : "**\(ValueFormat.count(alerts, "alert"))**"
        if missing > 0 { status += " · **\(ValueFormat.count(missing, "rule")) not checked: metric missing**" }
        let counts = Verdict.allCases.compactMap { verdict -> String? in
            let n = result.metrics.filter { $0.verdict == verdict }.count
            return n == 0 ? nil : "\(n) \(verdict.rawValue)"
        }
        var line =
            "\(status) · \(ValueFormat.count(result.outcomes.count, "rule check"))"
            + " · \(ValueFormat.count(result.metrics.count, "metric"))"
        if !counts.isEmpty { line += ": " + counts.joined(separator: ", ") }
        if result.baselineLabel == nil { line += "\n\nNo baseline: only the rules that need none were checked." }
        return line
    }

    private static func alerts(_ result: RunComparison) -> String {
        let alerts = result.alerts
        var text =
            alerts.isEmpty
            ? "#### Alerts\n\nNone."
            : "#### Alerts\n\n"
                + alerts.map { "- **\(MarkdownText.escape($0.rule))**: \(MarkdownText.escape($0.message))" }
                .joined(separator: "\n")
        let missing = result.missing
        if !missing.isEmpty {
            text +=
                "\n\n#### Missing metrics (the gate cannot pass)\n\n"
                + missing.map {
                    "- **\(MarkdownText.escape($0.rule))** (missing from the \($0.missingFrom?.rawValue ?? "run")): "
                        + MarkdownText.escape($0.message)
                }
                .joined(separator: "\n")
        }
        return text
    }

    static func table(header: [String], rows comparisons: [MetricComparison]) -> String {
        let alignments = header.indices.map { ComparisonRow.numericColumns.contains($0) ? "---:" : "---" }
        let rows = comparisons.map { comparison in
            var cells = ComparisonRow(comparison).cells.map(MarkdownText.escape)
            if comparison.verdict == .regression { cells[cells.count - 1] = "**regression**" }
            return cells
        }
        return tableLines(header: header, alignments: alignments, rows: rows, escaped: true)
    }

    static func tableLines(header: [String], alignments: [String], rows: [[String]], escaped: Bool = false)
        -> String
    {
        let body = rows.map { escaped ? $0 : $0.map(MarkdownText.escape) }
        return ([header.map(MarkdownText.escape), alignments] + body)
            .map { "| " + $0.joined(separator: " | ") + " |" }
            .joined(separator: "\n")
    }
}
