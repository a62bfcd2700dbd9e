import BenchModel
import Foundation
import Regression

/// One key metric over the last runs as inline SVG: the run's median as a line with the middle
/// half of its samples as a band and faint whiskers to its smallest and largest sample; the
/// baseline and alert limit as dashed lines labelled in the right margin; baseline runs as
/// diamonds, a red flag over every run with alerts and a red ring where an alert is about this
/// metric; failed runs (amber cross) and aborted runs (grey bars) as gaps that break the line;
/// environment changes and change points as markers on the timeline.
///
/// The value axis covers the medians and the reference lines, not the extremes: a sample far
/// outside is clipped at the edge with a small triangle, so one outlier cannot flatten the line.
/// Every run is an element with a `data-run` attribute and a class (`point`, `gap`,
/// `alert-marker`, `baseline-marker`, `environment-change`, `change-point`), carries a `<title>`
/// tooltip, and a plotted point links to the run's page (`run-<id>.html`).
enum TrendChart {
    static let lineColor = "#0969da"
    static let alertColor = "#cf222e"
    static let gapColor = "#9a6700"
    static let abortedColor = "#6e7781"
    static let environmentColor = "#8250df"
    static let changeColor = "#bc4c00"

    static func frame(slots: Int) -> ChartFrame {
        ChartFrame(width: 480, height: 236, left: 50, right: 92, top: 22, bottom: 40, slots: slots)
    }

    /// `linkedRuns`: the runs whose page exists beside the page the chart is on, each point of
    /// which links to its page; nil where every run has one (the history site).
    static func render(
        _ trend: MetricTrend, environmentChanges: [EnvironmentChange] = [], linkedRuns: Set<Int64>? = nil
    ) -> String {
        let frame = frame(slots: trend.points.count)
        let plotted = trend.plotted
        var values = plotted.compactMap(\.value) + trend.references.map(\.value)
        values += trend.points.compactMap(\.decidedLimit)
        values += trend.changePoints.flatMap { [$0.beforeMedian, $0.afterMedian] }
        // A count and a figure of the host's load (a share of CPU or of time) cannot be negative:
        // their axis starts at zero rather than below it.
        let fromZero = trend.unit == .count || trend.metric.declaration.role == .hostLoad
        let axis = ChartAxis(
            covering: values, includingZero: fromZero, minimumStep: trend.unit == .count ? 1 : 0, padding: 0.08)

        var svg = frame.open(label: TrendDescription.sentence(trend), cssClass: "trend")
        svg += frame.valueAxis(axis, title: ChartAxis.title(of: trend.unit), unit: trend.unit)
        svg += gaps(trend, frame: frame)
        svg += highlights(trend, frame: frame)
        svg += TrendMarkers.environment(environmentChanges, trend: trend, frame: frame)
        svg += TrendMarkers.changePoints(trend, frame: frame)
        svg += whiskers(trend, frame: frame, axis: axis)
        svg += band(trend, frame: frame, axis: axis)
        svg += TrendMarkers.decidedLimits(trend, frame: frame, axis: axis)
        svg += TrendMarkers.references(trend, frame: frame, axis: axis)
        svg += line(trend, frame: frame, axis: axis)
        svg += points(trend, frame: frame, axis: axis, linkedRuns: linkedRuns)
        if plotted.isEmpty {
            svg +=
                "<text x=\"\(SVGNumber.format((frame.plotLeft + frame.plotRight) / 2))\" y=\"\(SVGNumber.format((frame.plotTop + frame.plotBottom) / 2))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">No completed run in this window measured \(MarkupEscaping.escape(trend.metric.rawValue)).</text>"
        }
        svg += frame.runAxis(dates: trend.points.map(\.startedAt), runIDs: trend.points.map(\.runID), labels: 4)
        return svg + "</svg>"
    }

    /// Runs without a plotted figure: failed runs in amber with a cross, aborted and running runs
    /// in grey with two bars, completed runs that did not measure the metric in light grey
    /// (unless no run in the window measured it, when the chart says so in words instead).
    static func gaps(_ trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        let width = max(2, min(frame.slotWidth * 0.8, 24))
        let anyPlotted = trend.points.contains(where: \.isPlotted)
        for (index, point) in trend.points.enumerated() where !point.isPlotted {
            let x = frame.x(index)
            guard point.status != .completed || anyPlotted else { continue }
            let color: String =
                switch point.status {
                case .failed: gapColor
                case .aborted, .running: abortedColor
                case .completed: "#8c959f"
                }
            svg += "<g class=\"gap\" data-run=\"\(point.runID)\" data-status=\"\(point.status.rawValue)\">"
            svg += "<title>\(MarkupEscaping.escape(gapTooltip(point)))</title>"
            svg +=
                "<rect x=\"\(SVGNumber.format(x - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"\(color)\" fill-opacity=\"0.12\"/>"
            let y = frame.plotBottom - 8
            switch point.status {
            case .failed:
                svg +=
                    "<path d=\"M\(SVGNumber.format(x - 4)) \(SVGNumber.format(y - 4))l8 8m0 -8l-8 8\" stroke=\"\(color)\" stroke-width=\"1.8\"/>"
            case .aborted, .running:
                svg +=
                    "<path d=\"M\(SVGNumber.format(x - 2.5)) \(SVGNumber.format(y - 4))v8m5 -8v8\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            case .completed:
                break
            }
            svg += "</g>"
        }
        return svg
    }

    /// A light column behind the reported run (never wider than a few runs, so that a chart of
    /// one run is not tinted all over), a dotted line at the compared baseline, and a red flag
    /// over every run with an alert about this chart's metric (an alert on another metric is
    /// that metric's chart's business; the point's tooltip still counts the run's alerts).
    static func highlights(_ trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        for (index, point) in trend.points.enumerated() {
            let x = SVGNumber.format(frame.x(index))
            if point.isReportedRun {
                let width = max(6, min(frame.slotWidth, 18))
                svg +=
                    "<rect class=\"reported-run\" x=\"\(SVGNumber.format(frame.x(index) - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"#0969da\" fill-opacity=\"0.08\"/>"
            }
            if point.isComparedBaseline {
                svg += frame.acrossPlot(at: frame.x(index), style: "stroke=\"#6e7781\" stroke-dasharray=\"2 3\"")
            }
            if point.metricAlertCount > 0 {
                svg +=
                    "<path class=\"alert-flag\" data-run=\"\(point.runID)\" d=\"M\(x) \(SVGNumber.format(frame.plotTop - 2))l-5 -9h10z\" fill=\"\(alertColor)\"/>"
            }
        }
        return svg
    }

    /// Faint lines from each run's smallest to its largest sample; an end beyond the axis is
    /// clipped at the edge and marked with a small triangle pointing out.
    static func whiskers(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        for (index, point) in trend.points.enumerated() where point.isPlotted {
            guard let low = point.low, let high = point.high else { continue }
            let x = SVGNumber.format(frame.x(index))
            let top = frame.clampedY(high, on: axis)
            let bottom = frame.clampedY(low, on: axis)
            svg +=
                "<line class=\"whisker\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGNumber.format(top.y))\" y2=\"\(SVGNumber.format(bottom.y))\" stroke=\"\(lineColor)\" stroke-opacity=\"0.35\"/>"
            if top.clipped {
                svg +=
                    "<path class=\"clipped\" data-run=\"\(point.runID)\" d=\"M\(x) \(SVGNumber.format(frame.plotTop))l-3 5h6z\" fill=\"\(lineColor)\" fill-opacity=\"0.6\"/>"
            }
            if bottom.clipped {
                svg +=
                    "<path class=\"clipped\" data-run=\"\(point.runID)\" d=\"M\(x) \(SVGNumber.format(frame.plotBottom))l-3 -5h6z\" fill=\"\(lineColor)\" fill-opacity=\"0.6\"/>"
            }
        }
        return svg
    }

    /// The middle half of each run's samples, as a band along each unbroken segment.
    static func band(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        for segment in segments(trend) {
            let spread = segment.compactMap { index -> (Int, Double, Double)? in
                let point = trend.points[index]
                guard let low = point.lowerQuartile, let high = point.upperQuartile else { return nil }
                return (index, frame.clampedY(low, on: axis).y, frame.clampedY(high, on: axis).y)
            }
            guard !spread.isEmpty else { continue }
            if spread.count == 1 {
                let (index, low, high) = spread[0]
                let width = max(3, min(10, frame.slotWidth * 0.6))
                svg +=
                    "<rect class=\"band\" x=\"\(SVGNumber.format(frame.x(index) - width / 2))\" y=\"\(SVGNumber.format(high))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(max(0.5, low - high)))\" fill=\"\(lineColor)\" fill-opacity=\"0.2\"/>"
                continue
            }
            let upper = spread.map { "\(SVGNumber.format(frame.x($0.0))) \(SVGNumber.format($0.2))" }
            let lower = spread.reversed().map { "\(SVGNumber.format(frame.x($0.0))) \(SVGNumber.format($0.1))" }
            svg +=
                "<path class=\"band\" d=\"M\((upper + lower).joined(separator: "L"))Z\" fill=\"\(lineColor)\" fill-opacity=\"0.2\"/>"
        }
        return svg
    }

    static func line(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        segments(trend).filter { $0.count > 1 }.map { segment in
            let coordinates = segment.map { index in
                "\(SVGNumber.format(frame.x(index))) \(SVGNumber.format(frame.y(trend.points[index].value ?? 0, on: axis)))"
            }
            return
                "<path class=\"line\" d=\"M\(coordinates.joined(separator: "L"))\" fill=\"none\" stroke=\"\(lineColor)\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>"
        }.joined()
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
}
