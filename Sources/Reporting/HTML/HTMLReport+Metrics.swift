import BenchModel
import Regression
import ResultsStore

extension HTMLReport {
    /// Every metric against the baseline; without a comparison, the run's own summaries.
    static func metrics(_ report: RunReport, into page: inout HTMLBuilder) {
        guard let comparison = report.comparison else {
            page.element("h2", ["id": "metrics"], text: "Metrics of this run")
            page.element(
                "p", ["class": "meta"],
                text: "The run did not complete, so it was not compared; these are the summaries of what it measured.")
            summaryTable(report.summaries, into: &page)
            return
        }
        let reevaluated =
            report.verdict.reevaluation.map { " (re-evaluated with \(GateDecision.list($0.changes)))" } ?? ""
        page.element(
            "h2", ["id": "metrics"], text: "Metrics against \(comparison.baselineLabel ?? "no baseline")\(reevaluated)")
        let baselineRuns =
            comparison.baselineRunCount > 1 ? "; baseline: median of \(comparison.baselineRunCount) runs’ figures" : ""
        page.element(
            "p", ["class": "meta"],
            text:
                "\(comparison.statistic.rawValue) per metric (counts: total)\(baselineRuns); change = (current − baseline) / baseline; "
                + "\(ValueFormat.percentage(comparison.noise.confidence)) CI by bootstrap (\(comparison.noise.resamples) resamples); "
                + "p from the Mann–Whitney U test; n = baseline / current samples.")
        guard !comparison.metrics.isEmpty else {
            page.element("p", ["class": "empty"], text: "No metric was measured.")
            return
        }
        let marked = report.verdict.tableAlerts
        let triage = MetricTriage(comparison, standing: marked.alerts, expected: marked.expected)
        if triage.leading.isEmpty {
            page.element(
                "p", ["class": "empty"],
                text: "No alert, no regression, no improvement: every metric is unchanged, noise or new.")
        } else {
            metricTable(triage.leading, comparison: comparison, cssClass: "metrics", into: &page)
        }
        if !triage.folded.isEmpty {
            page.element("details", ["class": "folded"]) { details in
                details.element("summary", text: "\(MetricTriage.foldedSummary(triage.folded)) metrics, folded")
                metricTable(triage.folded, comparison: comparison, cssClass: "metrics folded", into: &details)
            }
        }
        if let creation = comparison.comparison(of: Metric.creation.createStart.id), !creation.phases.isEmpty {
            phaseShifts(creation, minimumEffect: comparison.noise.minimumEffect, into: &page)
        }
    }

    /// Rows with a `why` column: the rule behind an alert, or why a regression raised none.
    static func metricTable(
        _ rows: [MetricTriage.Row], comparison: RunComparison, cssClass: String, into page: inout HTMLBuilder
    ) {
        let headers = ComparisonRow.headers(confidence: comparison.noise.confidence) + ["why"]
        let numbered = headers.enumerated().map { ($0.element, ComparisonRow.numericColumns.contains($0.offset)) }
        page.table(rows, cssClass: cssClass, headers: numbered) { row, table in
            let metric = row.comparison
            let tone = row.group == .folded ? metric.verdict.rawValue : row.group.rawValue
            table.element(
                "tr", ["class": tone, "id": "metric-\(metric.metric.rawValue)", "data-metric": metric.metric.rawValue]
            ) { line in
                line.element("td") { $0.element("code", text: metric.metric.rawValue) }
                let cells = ComparisonRow(metric).cells
                for (column, cell) in cells.enumerated() where column > 0 && column < cells.count - 1 {
                    line.element(
                        "td", ComparisonRow.numericColumns.contains(column) ? ["class": "num"] : [:], text: cell)
                }
                let badge =
                    switch row.group {
                    case .alert: "alert"
                    case .expectedAlert: "info"
                    case .regression, .improvement, .folded: metric.verdict.rawValue
                    }
                line.element("td") { $0.element("span", ["class": "badge \(badge)"], text: row.verdictText) }
                line.element("td", ["class": "why"], text: row.reason ?? "")
            }
        }
    }

    /// The phase that moved most is named only when creation got worse by more than the
    /// minimum effect; otherwise "most" would single out a few microseconds of noise.
    static func phaseShifts(_ creation: MetricComparison, minimumEffect: Double, into page: inout HTMLBuilder) {
        page.element(
            "h3", ["id": "phase-shifts"], text: "Which lifecycle phase moved (creation samples, median seconds)")
        let moved = (creation.worsening ?? 0) > minimumEffect ? creation.phaseThatMovedMost?.phase : nil
        let headers = [("phase", false), ("baseline", true), ("current", true), ("change", true)]
        page.table(creation.phases, cssClass: "phase-shifts", headers: headers) { shift, table in
            table.element("tr", shift.phase == moved ? ["class": "regression"] : [:]) { row in
                row.element("td", text: shift.phase.rawValue + (shift.phase == moved ? " (moved most)" : ""))
                row.element("td", ["class": "num"], text: MetricUnit.seconds.format(shift.baselineMedian))
                row.element("td", ["class": "num"], text: MetricUnit.seconds.format(shift.currentMedian))
                row.element("td", ["class": "num"], text: ValueFormat.delta(shift.delta, unit: .seconds))
            }
        }
    }

    static func summaryTable(_ summaries: [MetricSummary], into page: inout HTMLBuilder) {
        guard !summaries.isEmpty else {
            page.element("p", ["class": "empty"], text: "The run stored no measurement.")
            return
        }
        let headers = [("metric", false)] + ["n", "median", "mean", "min", "max", "p95"].map { ($0, true) }
        page.table(summaries, cssClass: "summaries", headers: headers) { summary, table in
            table.element("tr", ["data-metric": summary.metric.rawValue]) { row in
                row.element("td") { $0.element("code", text: summary.metric.rawValue) }
                row.element("td", ["class": "num"], text: String(summary.n))
                for value in [summary.median, summary.mean, summary.min, summary.max, summary.p95] {
                    row.element("td", ["class": "num"], text: summary.unit.format(value))
                }
            }
        }
    }

    static func checks(_ report: RunReport, into page: inout HTMLBuilder) {
        page.element("h2", ["id": "checks"], text: "Checks against the original pytest suite’s targets")
        guard !report.checks.isEmpty else {
            page.element("p", ["class": "empty"], text: "The run recorded no check.")
            return
        }
        let headers = [("spec", false), ("check", false), ("result", false), ("detail", false)]
        page.table(report.checks, cssClass: "checks", headers: headers) { recorded, table in
            let check = recorded.check
            let (result, badge) =
                check.passed ? ("pass", "pass") : check.informational ? ("informational", "info") : ("FAIL", "fail")
            table.element("tr", ["class": "check \(badge)"]) { row in
                row.element("td", text: recorded.spec)
                row.element("td", text: check.name)
                row.element("td") { $0.element("span", ["class": "badge \(badge)"], text: result) }
                row.element("td", text: check.detail)
            }
        }
    }
}
