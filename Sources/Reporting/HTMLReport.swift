import BenchModel
import Foundation
import Regression

/// The report as one self-contained page: inline CSS and SVG, no script, nothing fetched.
/// The markup is XHTML-compatible (every element closed, no named entities), so the page
/// parses as XML as well as HTML, and every user-supplied string goes through `MarkupEscaping`.
public enum HTMLReport {
    public static func render(_ report: RunReport) -> String {
        var page = HTMLBuilder()
        page.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        page.element("title", text: "sandbox-bench · run \(report.run.id) · \(report.verdict.status.rawValue)")
        page.raw("<style>\(ReportStyle.css)</style></head>\n<body><main>")
        header(report, into: &page)
        verdict(report.verdict, into: &page)
        trends(report, into: &page)
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

    static func header(_ report: RunReport, into page: inout HTMLBuilder) {
        let run = report.run
        page.element("header") { header in
            header.element("h1", text: "sandbox-bench report · run \(run.id)")
            header.element("p", ["class": "meta"]) { meta in
                var items = ["started \(ReportDate.minute(run.startedAt))", run.status.rawValue]
                if let ended = run.endedAt { items.append("took \(ElapsedTime.describe(ended.timeIntervalSince(run.startedAt)))") }
                items.append("suite \(run.suite)")
                if let label = run.label { items.append("label “\(label)”") }
                if let commit = run.gitCommit { items.append("commit \(commit.prefix(12))") }
                if run.purpose == .confirmation { items.append("confirms run \(run.parentRunID.map(String.init) ?? "?")") }
                items.append("sandbox-bench \(run.toolVersion)")
                for item in items { meta.element("span", text: item) }
            }
            header.element("p", ["class": "meta"]) { meta in
                meta.text(MarkdownReport.baselineText(report).capitalizedFirst)
                if !report.baselineNames.isEmpty {
                    meta.text(". This run is the baseline " + report.baselineNames.map { "“\($0)”" }.joined(separator: ", "))
                }
                meta.text(".")
            }
        }
    }

    static func verdict(_ verdict: ReportVerdict, into page: inout HTMLBuilder) {
        page.element("section", ["class": "verdict \(verdict.status.rawValue)", "id": "verdict"]) { section in
            section.element("p", text: verdict.headline)
            if !verdict.alerts.isEmpty {
                section.element("ul", ["class": "alerts"]) { list in
                    for alert in verdict.alerts { list.element("li", text: alert) }
                }
            }
            if !verdict.details.isEmpty {
                section.element("ul", ["class": "details"]) { list in
                    for detail in verdict.details { list.element("li", text: detail) }
                }
            }
        }
    }

    static func trends(_ report: RunReport, into page: inout HTMLBuilder) {
        let runs = report.phases.runs
        var heading = "Trends: the last \(ValueFormat.count(runs.count, "run"))"
        if let first = runs.first, let last = runs.last {
            heading += " (\(ReportDate.day(first.startedAt)) to \(ReportDate.day(last.startedAt)), UTC)"
        }
        page.element("h2", ["id": "trends"], text: heading)
        page.element("div", ["class": "charts"]) { grid in
            for trend in report.trends {
                grid.element("div", ["class": "chart", "id": "trend-\(trend.metric.rawValue)"]) { chart in
                    chart.element("h3", text: trend.title)
                    let spread = trend.statistic == .total ? "" : "; band: smallest to largest sample"
                    chart.element(
                        "p", ["class": "sub"],
                        text: "\(trend.metric.rawValue) · \(trend.statistic.rawValue) per run in \(ChartAxis.title(of: trend.unit))\(spread)")
                    chart.raw(TrendChart.render(trend))
                }
            }
            grid.element("div", ["class": "chart wide", "id": "phases"]) { chart in
                chart.element("h3", text: "Lifecycle phases of the creation spec's containers")
                chart.element(
                    "p", ["class": "sub"],
                    text: "\(report.phases.metric.rawValue) samples · median seconds of each phase per run, stacked; creation time is the create and start segments")
                chart.raw(PhaseStackChart.render(report.phases))
                chart.raw(phaseLegend(report.phases))
            }
        }
        page.raw(chartLegend)
    }

    static func phaseLegend(_ history: PhaseHistory) -> String {
        let recorded = Set(history.runs.flatMap { $0.phases.map(\.phase) })
        let items = LifecyclePhase.allCases.filter(recorded.contains).map { phase in
            let color = ReportStyle.phaseColors[phase.rawValue] ?? "#888"
            return "<span><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"\(color)\"/></svg> \(phase.rawValue)</span>"
        }
        return "<p class=\"legend\">" + items.joined() + "</p>"
    }

    static let chartLegend: String = {
        func icon(_ shape: String) -> String {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"22\" height=\"14\" viewBox=\"0 0 22 14\">\(shape)</svg>"
        }
        let items = [
            (icon("<path d=\"M1 7H21\" stroke=\"#0969da\" stroke-width=\"1.6\"/><circle cx=\"11\" cy=\"7\" r=\"2.8\" fill=\"#0969da\"/>"), "the run’s figure"),
            (icon("<rect x=\"1\" y=\"2\" width=\"20\" height=\"10\" fill=\"#0969da\" fill-opacity=\"0.18\"/>"), "smallest to largest sample"),
            (icon("<path d=\"M11 1l6 6l-6 6l-6 -6z\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"1.4\"/>"), "baseline run"),
            (icon("<path d=\"M1 7H21\" stroke=\"#6e7781\" stroke-dasharray=\"6 4\"/>"), "baseline figure"),
            (icon("<path d=\"M1 7H21\" stroke=\"#cf222e\" stroke-dasharray=\"3 3\"/>"), "alert limit"),
            (icon("<path d=\"M11 12l-5 -9h10z\" fill=\"#cf222e\"/>"), "run with alerts"),
            (icon("<circle cx=\"11\" cy=\"7\" r=\"5.5\" fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\"/><circle cx=\"11\" cy=\"7\" r=\"2.8\" fill=\"#cf222e\"/>"), "alert on this metric"),
            (icon("<rect x=\"7\" y=\"0\" width=\"8\" height=\"14\" fill=\"#9a6700\" fill-opacity=\"0.12\"/><path d=\"M7 3l8 8m0 -8l-8 8\" stroke=\"#9a6700\" stroke-width=\"1.8\"/>"), "failed or aborted run (gap)"),
            (icon("<rect x=\"5\" y=\"0\" width=\"12\" height=\"14\" fill=\"#0969da\" fill-opacity=\"0.08\"/><circle cx=\"11\" cy=\"7\" r=\"4.4\" fill=\"#0969da\" stroke=\"#24292f\" stroke-width=\"1.5\"/>"), "this run"),
        ]
        return "<p class=\"legend\">" + items.map { "<span>\($0.0) \($0.1)</span>" }.joined()
            + "<span>Runs are spaced evenly in the order they ran; the axis shows the date (UTC) and the run id.</span></p>"
    }()

}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
