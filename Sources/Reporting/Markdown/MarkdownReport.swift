import BenchModel
import Regression

/// The report for a CI job page or a pull-request comment, in triage order under one heading:
/// the run in one line, the verdict with the gate's decision, the alerts, the metrics that
/// moved (regressions that raised no alert say why), the unchanged ones folded away (noise is
/// left out and only counted), environment changes, change points, and one line per key
/// metric's trend.
package enum MarkdownReport {
    package static func render(_ report: RunReport) -> String {
        var blocks = [heading(report), facts(report), verdict(report)]
        if let comparison = report.comparison {
            blocks += metrics(report, comparison: comparison)
        } else if !report.failures.isEmpty {
            blocks.append(failures(report))
        }
        if !report.environmentDifferences.isEmpty {
            blocks.append(
                "**Environment differences from the baseline** (these can move the figures):\n\n"
                    + report.environmentDifferences.map {
                        "- \(MarkdownText.escape($0.field)): \(MarkdownText.escape($0.baseline)) → \(MarkdownText.escape($0.current))"
                    }.joined(separator: "\n"))
        }
        let shifts = report.trends.flatMap(\.changePoints)
        if !shifts.isEmpty {
            blocks.append(
                "**Change points in the charts' window:**\n\n"
                    + shifts.map { "- `\($0.metric.rawValue)` \(MarkdownText.escape($0.sentence))" }.joined(
                        separator: "\n"))
        }
        blocks.append(trends(report))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The one heading: the run and its verdict.
    static func heading(_ report: RunReport) -> String {
        let verdict = report.verdict
        let state: String =
            switch verdict.status {
            case .alert:
                ValueFormat.count(verdict.alerts.count, "alert")
                    + (verdict.isExpectedOnHost ? ", expected on this host" : "")
            case .clean: "no alert"
            case .missing: ValueFormat.count(verdict.missing.count, "metric") + " missing"
            case .withheld: ValueFormat.count(verdict.alerts.count, "alert") + " withheld, host busy"
            case .failed, .aborted, .running: verdict.status.rawValue
            }
        return "## sandbox-bench report: run \(report.run.id) · \(RunState.of(verdict).symbol) \(state)"
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

    /// The headline in bold, the gate's decision, the alerts (those expected on this host say
    /// so), then the details.
    static func verdict(_ report: RunReport) -> String {
        let verdict = report.verdict
        var lines = [
            "**\(MarkdownText.escape(verdict.headline))**", "", MarkdownText.escape(HTMLReport.decision(report)),
        ]
        if !verdict.alerts.isEmpty { lines.append("") }
        for alert in verdict.alerts {
            let rule = report.source(ofAlert: alert).map { "**\(MarkdownText.escape($0.rule))**: " } ?? ""
            let expected = verdict.expected.contains(alert) ? " _(expected on this host)_" : ""
            lines.append("- \(rule)\(MarkdownText.escape(alert))\(expected)")
        }
        if !verdict.missing.isEmpty { lines.append("") }
        for missing in verdict.missing { lines.append("- **missing**: \(MarkdownText.escape(missing))") }
        if let reevaluation = verdict.reevaluation {
            lines += [
                "",
                "_\(MarkdownText.escape(reevaluation.sentence)) The metrics below show this re-evaluation; the verdict is the stored decision._",
            ]
            for alert in reevaluation.alerts {
                let expected = reevaluation.expected.contains(alert) ? " _(expected on this host)_" : ""
                lines.append("- \(MarkdownText.escape(alert))\(expected)")
            }
        }
        // What the HTML report's verdict box says first: what the profile gave up, and a host
        // that was busy while the run was measured (the run is then no baseline).
        let warnings = [
            IsolationProperty.weakeningSentence(inNotes: report.notes.map(\.text)),
            HostLoadFacts(report.summaries)?.sentence,
        ].compactMap { $0 }
        if !warnings.isEmpty { lines.append("") }
        lines += warnings.map { "- ⚠️ " + MarkdownText.escape($0) }
        if !verdict.details.isEmpty {
            lines.append("")
            lines += verdict.details.map { "- " + MarkdownText.escape($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// The metrics that moved, then the unchanged ones folded; noise is only counted.
    static func metrics(_ report: RunReport, comparison: RunComparison) -> [String] {
        let marked = report.verdict.tableAlerts
        let triage = MetricTriage(comparison, standing: marked.alerts, expected: marked.expected)
        let header = ComparisonRow.headers(confidence: comparison.noise.confidence) + ["why"]
        var blocks: [String] = []
        if comparison.metrics.isEmpty {
            blocks.append("No metric was measured.")
        } else if triage.leading.isEmpty {
            blocks.append(
                "No metric moved beyond \(ValueFormat.percentage(comparison.noise.minimumEffect)) with significance.")
        } else {
            blocks.append(table(header: header, rows: triage.leading))
        }
        let quiet = triage.folded.filter { $0.comparison.verdict != .noise }
        let noise = triage.folded.count - quiet.count
        if !quiet.isEmpty {
            blocks.append(
                "<details><summary>\(MetricTriage.foldedSummary(quiet)) metrics</summary>\n\n"
                    + table(header: header, rows: quiet) + "\n\n</details>")
        }
        var legend = ComparisonRow.legend(comparison)
        if noise > 0 {
            legend +=
                "; \(ValueFormat.count(noise, "metric")) moved within the noise and \(noise == 1 ? "is" : "are") left out"
        }
        blocks.append("_\(MarkdownText.escape(legend))_")
        return blocks
    }

    static func table(header: [String], rows: [MetricTriage.Row]) -> String {
        let alignments = header.indices.map { ComparisonRow.numericColumns.contains($0) ? "---:" : "---" }
        let lines = rows.map { row in
            var cells = ComparisonRow(row.comparison).cells.map(MarkdownText.escape)
            switch row.group {
            case .alert, .regression: cells[cells.count - 1] = "**\(row.verdictText)**"
            case .expectedAlert: cells[cells.count - 1] = row.verdictText
            case .improvement, .folded: break
            }
            return cells + [MarkdownText.escape(row.reason ?? "")]
        }
        return MarkdownSummary.tableLines(header: header, alignments: alignments, rows: lines, escaped: true)
    }

    static func failures(_ report: RunReport) -> String {
        let shown = report.failures.prefix(10)
        var lines = ["**Failures:**", ""]
        lines += shown.map { recorded in
            "- \(MarkdownText.escape(recorded.spec)) iteration \(recorded.failure.iteration): \(MarkdownText.escape(recorded.failure.reason))"
        }
        if report.failures.count > shown.count { lines.append("- … and \(report.failures.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }

    /// One line per key metric: its figures in this window as a sparkline, failed runs as `·`.
    static func trends(_ report: RunReport) -> String {
        let count = report.trends.first?.points.count ?? 0
        var lines = ["**Trends over the last \(ValueFormat.count(count, "run")):**", ""]
        for trend in report.trends {
            let values = trend.plotted.compactMap(\.value)
            guard let low = values.min(), let high = values.max() else {
                lines.append("- `\(trend.metric.rawValue)`: not measured in this window")
                continue
            }
            let alerts = trend.points.filter { $0.metricAlertCount > 0 }.count
            let alertText = alerts > 0 ? ", alerts in \(ValueFormat.count(alerts, "run"))" : ""
            lines.append(
                "- `\(trend.metric.rawValue)` \(Sparkline.render(trend)) \(trend.unit.format(low)) to \(trend.unit.format(high))\(alertText)"
            )
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
