import BenchModel
import Foundation
import Regression

/// The report as one self-contained page: inline CSS and SVG, no script, nothing fetched.
/// The markup is XHTML-compatible (every element closed, no named entities), so the page
/// parses as XML as well as HTML, and every user-supplied string goes through `MarkupEscaping`.
///
/// The page reads in triage order: the verdict box (the gate's stored decision, the alerts in
/// plain words, environment changes, lost iterations and failures, each linking to its
/// section), the trend charts, the metric table led by what moved, then the details.
package enum HTMLReport {
    /// `linkedRuns`: the runs whose page is beside this one, which the charts link (nil: every run).
    package static func render(_ report: RunReport, linkedRuns: Set<Int64>? = nil) -> String {
        var page = HTMLBuilder()
        page.raw(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        page.element("title", text: "sandbox-bench · run \(report.run.id) · \(report.verdict.status.rawValue)")
        page.raw("<style>\(ReportStyle.css)</style></head>\n<body><main>")
        header(report, into: &page)
        verdict(report, into: &page)
        trends(report, into: &page, linkedRuns: linkedRuns)
        metrics(report, into: &page)
        checks(report, into: &page)
        environment(report, into: &page)
        storedAlerts(report, into: &page)
        notesAndFailures(report, into: &page)
        page.element("footer") { footer in
            footer.text(
                "Generated \(ReportDate.minute(report.generatedAt)) by sandbox-bench \(report.toolVersion). "
                    + "The same report as JSON: run-\(report.run.id).json (shape in REPORT-JSON.md).")
        }
        page.raw("</main></body></html>\n")
        return page.html
    }

    /// `withBaseline: false` leaves out the line about the baseline, for a page that compares nothing.
    static func header(_ report: RunReport, into page: inout HTMLBuilder, withBaseline: Bool = true) {
        let run = report.run
        page.element("header") { header in
            header.element("h1", text: "sandbox-bench report · run \(run.id)")
            header.element("p", ["class": "meta"]) { meta in
                var items = ["started \(ReportDate.minute(run.startedAt))", run.status.rawValue]
                if let ended = run.endedAt {
                    items.append("took \(ElapsedTime.describe(ended.timeIntervalSince(run.startedAt)))")
                }
                items.append("suite \(run.suite)")
                if let label = run.label { items.append("label “\(label)”") }
                if let commit = run.gitCommit { items.append("commit \(commit.prefix(12))") }
                if run.purpose == .confirmation {
                    items.append("confirms run \(run.parentRunID.map(String.init) ?? "?")")
                }
                items.append("sandbox-bench \(run.toolVersion)")
                for item in items { meta.element("span", text: item) }
            }
            guard withBaseline else { return }
            header.element("p", ["class": "meta"]) { meta in
                meta.text(MarkdownReport.baselineText(report).capitalizedFirst)
                if !report.baselineNames.isEmpty {
                    meta.text(
                        ". This run is the baseline " + report.baselineNames.map { "“\($0)”" }.joined(separator: ", "))
                }
                meta.text(".")
            }
        }
    }

    static func trends(_ report: RunReport, into page: inout HTMLBuilder, linkedRuns: Set<Int64>?) {
        let runs = report.phases.runs
        var heading =
            runs.count == 1 ? "Trends: this run only, the first in the database" : "Trends: the last \(runs.count) runs"
        if runs.count > 1, let first = runs.first, let last = runs.last {
            heading += " (\(ReportDate.day(first.startedAt)) to \(ReportDate.day(last.startedAt)), UTC)"
        }
        page.element("h2", ["id": "trends"], text: heading)
        page.raw(ChartLegend.html)
        page.element("div", ["class": "charts"]) { grid in
            for trend in report.trends {
                grid.element("div", ["class": "chart", "id": "trend-\(trend.metric.rawValue)"]) { chart in
                    chart.element("h3", text: trend.title)
                    let spread =
                        trend.statistic == .total
                        ? "" : "; band: middle half of the samples, whiskers: smallest to largest"
                    chart.element(
                        "p", ["class": "sub"],
                        text:
                            "\(trend.metric.rawValue) · \(trend.statistic.rawValue) per run in \(ChartAxis.title(of: trend.unit))\(spread)"
                    )
                    chart.element("div", ["class": "chart-scroll"]) {
                        $0.raw(
                            TrendChart.render(
                                trend, environmentChanges: report.environmentChanges, linkedRuns: linkedRuns))
                    }
                }
            }
            grid.element("div", ["class": "chart wide", "id": "phases"]) { chart in
                chart.element("h3", text: "Lifecycle phases of the creation spec's containers")
                chart.element(
                    "p", ["class": "sub"],
                    text:
                        "\(report.phases.metric.rawValue) samples · median seconds of each phase per run, stacked; creation time is the create and start segments"
                )
                chart.element("div", ["class": "chart-scroll"]) { $0.raw(PhaseStackChart.render(report.phases)) }
                chart.raw(ChartLegend.phases(report.phases))
            }
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
