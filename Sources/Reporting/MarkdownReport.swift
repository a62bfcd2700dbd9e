import BenchModel
import Regression

/// The report for a CI job page or a pull-request comment: the run in one line, the verdict,
/// the gate's comparison table (`MarkdownSummary`), and one line per key metric's trend.
public enum MarkdownReport {
    public static func render(_ report: RunReport) -> String {
        var blocks = ["## sandbox-bench report: run \(report.run.id)", facts(report), verdict(report.verdict)]
        if let comparison = report.comparison {
            blocks.append(MarkdownSummary.render(comparison).trimmingTrailingNewlines())
        } else if !report.failures.isEmpty {
            blocks.append(failures(report))
        }
        blocks.append(trends(report))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    static func facts(_ report: RunReport) -> String {
        let run = report.run
        var items = ["started \(ReportDate.minute(run.startedAt))", run.status.rawValue, "suite \(run.suite)"]
        if let label = run.label { items.append("label “\(label)”") }
        if let commit = run.gitCommit { items.append("commit \(commit.prefix(12))") }
        items.append(baselineText(report))
        return items.map(MarkdownText.escape).joined(separator: " · ")
    }

    /// What the run was compared with; a run that did not complete names its baseline only.
    static func baselineText(_ report: RunReport) -> String {
        guard let baseline = report.baseline else { return "nothing to compare with yet" }
        return report.comparison == nil
            ? "not compared with \(baseline.label): the run did not complete" : "compared with \(baseline.label)"
    }

    /// The headline in bold and the details; the alerts themselves are in the summary's list.
    static func verdict(_ verdict: ReportVerdict) -> String {
        var lines = ["**\(MarkdownText.escape(verdict.headline))**"]
        if !verdict.details.isEmpty {
            lines.append("")
            lines += verdict.details.map { "- " + MarkdownText.escape($0) }
        }
        return lines.joined(separator: "\n")
    }

    static func failures(_ report: RunReport) -> String {
        let shown = report.failures.prefix(10)
        var lines = ["#### Failures", ""]
        lines += shown.map { recorded in
            "- \(MarkdownText.escape(recorded.spec)) iteration \(recorded.failure.iteration): \(MarkdownText.escape(recorded.failure.reason))"
        }
        if report.failures.count > shown.count { lines.append("- … and \(report.failures.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }

    /// One line per key metric: its figures in this window as a sparkline, failed runs as `·`.
    static func trends(_ report: RunReport) -> String {
        let count = report.trends.first?.points.count ?? 0
        var lines = ["#### Trends over the last \(ValueFormat.count(count, "run"))", ""]
        for trend in report.trends {
            let values = trend.plotted.compactMap(\.value)
            guard let low = values.min(), let high = values.max() else {
                lines.append("- `\(trend.metric.rawValue)`: not measured in this window")
                continue
            }
            let alerts = trend.points.filter { $0.metricAlertCount > 0 }.count
            let alertText = alerts > 0 ? ", alerts in \(ValueFormat.count(alerts, "run"))" : ""
            lines.append(
                "- `\(trend.metric.rawValue)` \(Sparkline.render(trend)) \(trend.unit.format(low)) to \(trend.unit.format(high))\(alertText)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A trend in eight block characters, one per run; a gap is `·`.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func render(_ trend: MetricTrend) -> String {
        let values = trend.plotted.compactMap(\.value)
        guard let low = values.min(), let high = values.max() else { return "" }
        return String(
            trend.points.map { point -> Character in
                guard point.isPlotted, let value = point.value else { return "·" }
                guard high > low else { return blocks[0] }
                let level = Int(((value - low) / (high - low) * Double(blocks.count - 1)).rounded())
                return blocks[min(blocks.count - 1, max(0, level))]
            })
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
