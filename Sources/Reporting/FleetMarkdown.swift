import BenchModel
import Foundation
import Regression

/// The fleet view in Markdown: one table line per testbed and one sparkline per key metric,
/// short enough for a chat message or a job page.
package enum FleetMarkdown {
    package static func render(_ report: FleetReport) -> String {
        let alerting = report.testbeds.filter { $0.verdict.kind == .alert }.count
        var lines = [
            "### sandbox-bench fleet: \(ValueFormat.count(report.testbeds.count, "testbed")), \(alerting) alerting", "",
        ]
        guard !report.testbeds.isEmpty else { return (lines + ["No runs yet.", ""]).joined(separator: "\n") }
        let titles = FleetReport.keyMetrics.map(\.title)
        lines.append("| testbed | latest run | verdict | alerting since | " + titles.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: 4 + titles.count))
        for testbed in report.testbeds {
            let figures = FleetReport.keyMetrics.map { key in
                testbed.figures.first { $0.metric == key.metric }.map(figure) ?? "-"
            }
            let run =
                "run \(testbed.latestRun.id) (\(ReportDate.day(testbed.latestRun.startedAt)), \(testbed.latestRun.status.rawValue))"
            let cells = [MarkdownText.escape(testbed.testbed), run, verdict(testbed.verdict), since(testbed)] + figures
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let overdue = report.testbeds.filter { $0.silence?.overdue == true }
        if !overdue.isEmpty {
            lines += ["", "#### Stopped reporting", ""]
            for testbed in overdue {
                lines.append("- **\(MarkdownText.escape(testbed.testbed))**: " + (testbed.silence?.sentence ?? ""))
            }
        }
        lines += [
            "", "#### Trends (up to the last \(ValueFormat.count(report.historyLength, "run")) of each testbed)", "",
        ]
        for testbed in report.testbeds {
            let sparks = testbed.trends.map { "\($0.metric.rawValue) \(Sparkline.render($0))" }
            lines.append("- **\(MarkdownText.escape(testbed.testbed))**: " + sparks.joined(separator: " · "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func verdict(_ verdict: FleetVerdict) -> String {
        switch verdict.kind {
        case .passed: return "passed"
        case .alert: return "ALERT (\(ValueFormat.count(verdict.alertCount, "alert")))"
        case .missing: return "FAILED (\(ValueFormat.count(verdict.missingCount ?? 0, "metric")) missing)"
        case .notGated: return "not gated"
        case .notCompleted: return "did not complete"
        }
    }

    static func since(_ testbed: FleetTestbed) -> String {
        guard let first = testbed.alertingSince else { return "-" }
        return
            "\(ReportDate.day(first.startedAt)) (run \(first.id), \(ValueFormat.count(testbed.alertingRuns, "gated run")))"
    }

    static func figure(_ figure: FleetFigure) -> String {
        let value = figure.unit.format(figure.value)
        guard let ratio = figure.fleetRatio else { return value }
        return "\(value) (×\(String(format: "%.2f", ratio)) fleet)"
    }

    /// True when the figure is worse than the fleet median by more than `factor`.
    static func isWorse(_ figure: FleetFigure, by factor: Double) -> Bool {
        guard let ratio = figure.fleetRatio else { return figure.unit == .count && figure.value > 0 }
        return figure.metric.direction == .smallerIsBetter ? ratio > factor : ratio < 1 / factor
    }
}
