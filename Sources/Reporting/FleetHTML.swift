import BenchModel
import Foundation
import Regression

/// The fleet view as one self-contained page: a table of every testbed's latest run and
/// verdict, then each testbed's trends side by side (the run report's charts, scaled down).
package enum FleetHTML {
    static let css = """
        table.fleet td.alert, table.fleet td.missing { color: #cf222e; font-weight: 600; }
        table.fleet td.passed { color: #1a7f37; }
        table.fleet td.slow { color: #cf222e; }
        .fleet-row { margin: 18px 0 8px; }
        .fleet-charts { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
        .fleet-charts .chart { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; }
        .fleet-charts svg { width: 100%; height: auto; }
        .fleet-charts h4 { font-size: 12px; margin: 0 0 2px; font-weight: 600; }
        """

    /// `linkedRuns`: the runs whose page is beside this one, which the charts link (nil: every run).
    package static func render(_ report: FleetReport, linkedRuns: Set<Int64>? = nil) -> String {
        var page = HTMLBuilder()
        page.raw(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        let alerting = report.testbeds.filter { $0.verdict.kind == .alert }.count
        page.element("title", text: "sandbox-bench · fleet · \(report.testbeds.count) testbeds, \(alerting) alerting")
        page.raw("<style>\(ReportStyle.css)\(css)</style></head>\n<body><main>")
        page.element("header") { header in
            header.element("h1", text: "sandbox-bench fleet · \(ValueFormat.count(report.testbeds.count, "testbed"))")
            header.element("p", ["class": "meta"]) { meta in
                meta.element("span", text: "\(report.store)")
                meta.element("span", text: "\(alerting) alerting")
                meta.element(
                    "span",
                    text: "trends over up to the last \(ValueFormat.count(report.historyLength, "run")) of each testbed"
                )
            }
        }
        if report.testbeds.isEmpty { page.element("p", text: "No runs yet.") }
        table(report, into: &page)
        let overdue = report.testbeds.filter { $0.silence?.overdue == true }
        if !overdue.isEmpty {
            page.element("h2", text: "Stopped reporting")
            page.element("ul") { list in
                for testbed in overdue {
                    list.element("li", text: "\(testbed.testbed): \(testbed.silence?.sentence ?? "")")
                }
            }
        }
        for testbed in report.testbeds { charts(testbed, into: &page, linkedRuns: linkedRuns) }
        page.element("footer") { footer in
            footer.text("Generated \(ReportDate.minute(report.generatedAt)). The same view as JSON: fleet.json.")
        }
        page.raw("</main></body></html>\n")
        return page.html
    }

    static func table(_ report: FleetReport, into page: inout HTMLBuilder) {
        guard !report.testbeds.isEmpty else { return }
        page.raw(
            "<table class=\"fleet\"><thead><tr><th>testbed</th><th>latest run</th><th>verdict</th><th>alerting since</th>"
        )
        for key in FleetReport.keyMetrics { page.element("th", text: key.title) }
        page.raw("</tr></thead><tbody>")
        for testbed in report.testbeds {
            page.raw("<tr>")
            page.element("td", text: testbed.testbed)
            page.element(
                "td",
                text:
                    "run \(testbed.latestRun.id), \(ReportDate.minute(testbed.latestRun.startedAt)), \(testbed.latestRun.status.rawValue)"
            )
            page.element("td", ["class": testbed.verdict.kind.rawValue], text: FleetMarkdown.verdict(testbed.verdict))
            page.element("td", text: FleetMarkdown.since(testbed))
            for key in FleetReport.keyMetrics {
                let figure = testbed.figures.first { $0.metric == key.metric }
                let slow = figure.map { FleetMarkdown.isWorse($0, by: 1.2) } ?? false
                page.element("td", ["class": slow ? "slow" : "figure"], text: figure.map(FleetMarkdown.figure) ?? "-")
            }
            page.raw("</tr>")
        }
        page.raw("</tbody></table>")
    }

    static func charts(_ testbed: FleetTestbed, into page: inout HTMLBuilder, linkedRuns: Set<Int64>?) {
        page.element(
            "h3", ["class": "fleet-row"], text: "\(testbed.testbed) · \(FleetMarkdown.verdict(testbed.verdict))")
        page.element("div", ["class": "fleet-charts"]) { grid in
            for trend in testbed.trends {
                grid.element("div", ["class": "chart"]) { cell in
                    cell.element("h4", text: trend.title)
                    cell.raw(TrendChart.render(trend, linkedRuns: linkedRuns))
                }
            }
        }
    }
}
