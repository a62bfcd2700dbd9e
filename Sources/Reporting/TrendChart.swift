import BenchModel
import Foundation
import Regression

/// One key metric over the last runs as inline SVG: the run's figure as a line, the spread of
/// its samples as a band, the baseline and alert limit as dashed lines, baseline runs as
/// diamonds, a red marker on top of every run with alerts and a red ring around the point when
/// an alert is about this metric, and failed or aborted runs as gaps
/// (a shaded slot with a cross) that break the line.
///
/// Every run is an element with a `data-run` attribute and a class (`point`, `gap`,
/// `alert-marker`, `baseline-marker`) and carries a `<title>` tooltip.
enum TrendChart {
    static let lineColor = "#0969da"
    static let alertColor = "#cf222e"
    static let gapColor = "#9a6700"

    static func render(_ trend: MetricTrend) -> String {
        let frame = ChartFrame(width: 580, height: 240, left: 58, right: 16, top: 18, bottom: 40, slots: trend.points.count)
        let plotted = trend.plotted
        var values = plotted.flatMap { [$0.value, $0.low, $0.high].compactMap { $0 } }
        values += trend.references.map(\.value)
        let axis = ChartAxis(
            covering: values, includingZero: trend.unit == .count || trend.unit == .ratio,
            minimumStep: trend.unit == .count ? 1 : 0)

        var svg = frame.open(label: "\(trend.title): \(trend.metric) over \(trend.points.count) runs", cssClass: "trend")
        svg += frame.valueAxis(axis, title: ChartAxis.title(of: trend.unit))
        svg += gaps(trend, frame: frame)
        svg += highlights(trend, frame: frame)
        svg += band(trend, frame: frame, axis: axis)
        svg += references(trend, frame: frame, axis: axis)
        svg += line(trend, frame: frame, axis: axis)
        svg += points(trend, frame: frame, axis: axis)
        if plotted.isEmpty {
            svg += "<text x=\"\(SVGNumber.format((frame.plotLeft + frame.plotRight) / 2))\" y=\"\(SVGNumber.format((frame.plotTop + frame.plotBottom) / 2))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">No completed run in this window measured \(MarkupEscaping.escape(trend.metric.rawValue)).</text>"
        }
        svg += frame.runAxis(dates: trend.points.map(\.startedAt), runIDs: trend.points.map(\.runID))
        return svg + "</svg>"
    }

    /// Runs without a plotted figure: failed, aborted and running runs in amber with a cross,
    /// completed runs that did not measure the metric in grey (unless no run in the window
    /// measured it, when the chart says so in words instead).
    static func gaps(_ trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        let width = max(2, frame.slotWidth * 0.8)
        let anyPlotted = trend.points.contains(where: \.isPlotted)
        for (index, point) in trend.points.enumerated() where !point.isPlotted {
            let x = frame.x(index)
            let stopped = point.status != .completed
            guard stopped || anyPlotted else { continue }
            let color = stopped ? gapColor : "#8c959f"
            svg += "<g class=\"gap\" data-run=\"\(point.runID)\" data-status=\"\(point.status.rawValue)\">"
            svg += "<title>\(MarkupEscaping.escape(gapTooltip(point)))</title>"
            svg += "<rect x=\"\(SVGNumber.format(x - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"\(color)\" fill-opacity=\"0.12\"/>"
            if stopped {
                let y = frame.plotBottom - 7
                svg += "<path d=\"M\(SVGNumber.format(x - 4)) \(SVGNumber.format(y - 4))l8 8m0 -8l-8 8\" stroke=\"\(color)\" stroke-width=\"1.8\"/>"
            }
            svg += "</g>"
        }
        return svg
    }

    /// A light column behind the reported run and a dotted one at the compared baseline.
    static func highlights(_ trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        for (index, point) in trend.points.enumerated() {
            let x = SVGNumber.format(frame.x(index))
            if point.isReportedRun {
                let width = max(6, frame.slotWidth)
                svg += "<rect class=\"reported-run\" x=\"\(SVGNumber.format(frame.x(index) - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"#0969da\" fill-opacity=\"0.08\"/>"
            }
            if point.isComparedBaseline {
                svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGNumber.format(frame.plotTop))\" y2=\"\(SVGNumber.format(frame.plotBottom))\" stroke=\"#6e7781\" stroke-dasharray=\"2 3\"/>"
            }
            if point.alertCount > 0 {
                let y = frame.plotTop - 2
                svg += "<path class=\"alert-flag\" data-run=\"\(point.runID)\" d=\"M\(x) \(SVGNumber.format(y))l-5 -9h10z\" fill=\"\(alertColor)\"/>"
            }
        }
        return svg
    }

    static func band(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        for segment in segments(trend) {
            let spread = segment.compactMap { index -> (Int, Double, Double)? in
                let point = trend.points[index]
                guard let low = point.low, let high = point.high else { return nil }
                return (index, low, high)
            }
            guard !spread.isEmpty else { continue }
            if spread.count == 1 {
                let (index, low, high) = spread[0]
                let width = max(2, min(8, frame.slotWidth * 0.6))
                svg += "<rect class=\"band\" x=\"\(SVGNumber.format(frame.x(index) - width / 2))\" y=\"\(SVGNumber.format(frame.y(high, on: axis)))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(max(0.5, frame.y(low, on: axis) - frame.y(high, on: axis))))\" fill=\"\(lineColor)\" fill-opacity=\"0.18\"/>"
                continue
            }
            let upper = spread.map { "\(SVGNumber.format(frame.x($0.0))) \(SVGNumber.format(frame.y($0.2, on: axis)))" }
            let lower = spread.reversed().map { "\(SVGNumber.format(frame.x($0.0))) \(SVGNumber.format(frame.y($0.1, on: axis)))" }
            svg += "<path class=\"band\" d=\"M\((upper + lower).joined(separator: "L"))Z\" fill=\"\(lineColor)\" fill-opacity=\"0.18\"/>"
        }
        return svg
    }

    /// Labels sit above their line at the right end; a label that would touch the one before
    /// moves to the left end instead.
    static func references(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        var rightLabelHeights: [Double] = []
        for reference in trend.references {
            let position = frame.y(reference.value, on: axis)
            let y = SVGNumber.format(position)
            let atRight = !rightLabelHeights.contains { abs($0 - position) < 13 }
            if atRight { rightLabelHeights.append(position) }
            let anchor = atRight ? "end" : "start"
            let x = SVGNumber.format(atRight ? frame.plotRight - 4 : frame.plotLeft + 4)
            let color = reference.kind == .baseline ? "#6e7781" : alertColor
            let dash = reference.kind == .baseline ? "6 4" : "3 3"
            svg += "<g class=\"reference \(reference.kind.rawValue)\">"
            svg += "<line x1=\"\(SVGNumber.format(frame.plotLeft))\" x2=\"\(SVGNumber.format(frame.plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(color)\" stroke-dasharray=\"\(dash)\"/>"
            svg += "<text x=\"\(x)\" y=\"\(y)\" dy=\"-3\" text-anchor=\"\(anchor)\" font-size=\"10\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(MarkupEscaping.escape(referenceLabel(reference, unit: trend.unit)))</text>"
            svg += "</g>"
        }
        return svg
    }

    static func line(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        segments(trend).filter { $0.count > 1 }.map { segment in
            let coordinates = segment.map { index in
                "\(SVGNumber.format(frame.x(index))) \(SVGNumber.format(frame.y(trend.points[index].value ?? 0, on: axis)))"
            }
            return "<path class=\"line\" d=\"M\(coordinates.joined(separator: "L"))\" fill=\"none\" stroke=\"\(lineColor)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>"
        }.joined()
    }

    static func points(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        let radius = trend.points.count > 60 ? 2.0 : 2.8
        for (index, point) in trend.points.enumerated() where point.isPlotted {
            let x = frame.x(index)
            let y = frame.y(point.value ?? 0, on: axis)
            let cx = SVGNumber.format(x)
            let cy = SVGNumber.format(y)
            if point.metricAlertCount > 0 {
                svg += "<circle class=\"alert-marker\" data-run=\"\(point.runID)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"7\" fill=\"none\" stroke=\"\(alertColor)\" stroke-width=\"2\"/>"
            }
            if point.isBaseline {
                svg += "<path class=\"baseline-marker\" data-run=\"\(point.runID)\" d=\"M\(cx) \(SVGNumber.format(y - 6))l6 6l-6 6l-6 -6z\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"1.4\"/>"
            }
            let r = point.isReportedRun ? radius + 1.6 : radius
            let fill = point.metricAlertCount > 0 ? alertColor : lineColor
            let stroke = point.isReportedRun ? " stroke=\"#24292f\" stroke-width=\"1.5\"" : ""
            svg += "<circle class=\"point\" data-run=\"\(point.runID)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(SVGNumber.format(r))\" fill=\"\(fill)\"\(stroke)>"
            svg += "<title>\(MarkupEscaping.escape(pointTooltip(point, trend: trend)))</title></circle>"
        }
        return svg
    }

    /// Runs of consecutive plotted slots; a gap ends a segment.
    static func segments(_ trend: MetricTrend) -> [[Int]] {
        var segments: [[Int]] = []
        var current: [Int] = []
        for (index, point) in trend.points.enumerated() {
            if point.isPlotted {
                current.append(index)
            } else if !current.isEmpty {
                segments.append(current)
                current = []
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    static func pointTooltip(_ point: TrendPoint, trend: MetricTrend) -> String {
        var text = "run \(point.runID)" + (point.label.map { " (\($0))" } ?? "") + ", \(ReportDate.minute(point.startedAt))"
        if let value = point.value { text += "\n\(trend.statistic.rawValue) \(trend.unit.format(value))" }
        if let low = point.low, let high = point.high {
            text += ", samples \(trend.unit.format(low)) to \(trend.unit.format(high))"
        }
        if let n = point.sampleCount { text += ", n = \(n)" }
        if point.isComparedBaseline { text += "\nthe baseline of this report" }
        if !point.baselineNames.isEmpty { text += "\nbaseline " + point.baselineNames.map { "\"\($0)\"" }.joined(separator: ", ") }
        if point.alertCount > 0 {
            text += "\n" + ValueFormat.count(point.alertCount, "alert") + " in this run, \(point.metricAlertCount) about this metric"
        }
        if point.isReportedRun { text += "\nthe run of this report" }
        return text
    }

    static func gapTooltip(_ point: TrendPoint) -> String {
        let head = "run \(point.runID)" + (point.label.map { " (\($0))" } ?? "") + ", \(ReportDate.minute(point.startedAt))"
        switch point.status {
        case .completed: return head + "\ncompleted without measuring this metric"
        case .failed, .aborted, .running: return head + "\n\(point.status.rawValue): not plotted"
        }
    }

    static func referenceLabel(_ reference: TrendReference, unit: MetricUnit) -> String {
        switch reference.kind {
        case .baseline: return "\(reference.label): \(unit.format(reference.value))"
        case .alertLimit: return reference.label
        }
    }
}
