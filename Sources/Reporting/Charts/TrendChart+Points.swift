import BenchModel
import Foundation
import Regression

extension TrendChart {
    /// One circle per plotted run, with its figures as a tooltip, linked to the run's page where
    /// it has one (`linkedRuns`, nil: every run).
    static func points(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis, linkedRuns: Set<Int64>?) -> String {
        var svg = ""
        let radius = trend.points.count > 60 ? 2.2 : 3.0
        for (index, point) in trend.points.enumerated() where point.isPlotted {
            let x = frame.x(index)
            let y = frame.y(point.value ?? 0, on: axis)
            let cx = SVGNumber.format(x)
            let cy = SVGNumber.format(y)
            let linked = linkedRuns?.contains(point.runID) ?? true
            if linked { svg += "<a href=\"\(RunPageLink.fileName(point.runID))\">" }
            if point.metricAlertCount > 0 {
                svg +=
                    "<circle class=\"alert-marker\" data-run=\"\(point.runID)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"7\" fill=\"none\" stroke=\"\(alertColor)\" stroke-width=\"2\"/>"
            }
            if point.isBaseline {
                svg +=
                    "<path class=\"baseline-marker\" data-run=\"\(point.runID)\" d=\"M\(cx) \(SVGNumber.format(y - 6))l6 6l-6 6l-6 -6z\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"1.4\"/>"
            }
            let r = point.isReportedRun ? radius + 1.6 : radius
            let fill = point.metricAlertCount > 0 ? alertColor : lineColor
            let stroke = point.isReportedRun ? " stroke=\"#24292f\" stroke-width=\"1.5\"" : ""
            svg +=
                "<circle class=\"point\" data-run=\"\(point.runID)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(SVGNumber.format(r))\" fill=\"\(fill)\"\(stroke)>"
            svg += "<title>\(MarkupEscaping.escape(pointTooltip(point, trend: trend)))</title></circle>"
            if linked { svg += "</a>" }
        }
        return svg
    }

    static func pointTooltip(_ point: TrendPoint, trend: MetricTrend) -> String {
        var text =
            "run \(point.runID)" + (point.label.map { " (\($0))" } ?? "") + ", \(ReportDate.minute(point.startedAt))"
        if let value = point.value { text += "\n\(trend.statistic.rawValue) \(trend.unit.format(value))" }
        if let lower = point.lowerQuartile, let upper = point.upperQuartile {
            text += ", middle half \(trend.unit.format(lower)) to \(trend.unit.format(upper))"
        }
        if let low = point.low, let high = point.high {
            text += ", samples \(trend.unit.format(low)) to \(trend.unit.format(high))"
        }
        if let n = point.sampleCount { text += ", n = \(n)" }
        if point.isComparedBaseline { text += "\nthe baseline of this report" }
        if !point.baselineNames.isEmpty {
            text += "\nbaseline " + point.baselineNames.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        if point.alertCount > 0 {
            text +=
                "\n" + ValueFormat.count(point.alertCount, "alert")
                + " in this run, \(point.metricAlertCount) about this metric"
        }
        if point.isReportedRun { text += "\nthe run of this report" }
        return text + "\nclick: the run's page"
    }

    static func gapTooltip(_ point: TrendPoint) -> String {
        let head =
            "run \(point.runID)" + (point.label.map { " (\($0))" } ?? "") + ", \(ReportDate.minute(point.startedAt))"
        switch point.status {
        case .completed: return head + "\ncompleted without measuring this metric"
        case .failed, .aborted, .running:
            let reason = point.reason.map { ": \($0)" } ?? " (no reason recorded)"
            return head + "\n\(point.status.rawValue)\(reason)\nnot plotted"
        }
    }
}

/// Where a run's page is: `run-<id>.html`, beside the page that links to it, in the reports
/// folder and in the history site alike.
package enum RunPageLink {
    package static func fileName(_ runID: Int64) -> String { "run-\(runID).html" }

    /// `run-42`: the name of a run's page or report without its extension.
    static func isRunStem(_ stem: Substring) -> Bool {
        stem.hasPrefix("run-") && stem.count > 4 && stem.dropFirst(4).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The runs whose page (`run-<id>.html`) is in `directory`: in a reports folder, only runs
    /// whose report was written there have one, so a chart links only those. An unreadable or
    /// missing folder has none.
    package static func pages(in directory: String) -> Set<Int64> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Set(
            names.compactMap { name -> Int64? in
                guard name.hasSuffix(".html"), case let stem = name.dropLast(5), isRunStem(stem) else { return nil }
                return Int64(stem.dropFirst(4))
            })
    }
}
