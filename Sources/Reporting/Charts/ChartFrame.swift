import BenchModel
import Foundation

/// The plot area of a chart inside its SVG view box, with a slot per run along the x axis.
/// Runs are spaced evenly in the order they ran, so that several runs on one day stay apart;
/// the axis is labelled with their dates.
struct ChartFrame {
    let width: Double
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let slots: Int

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var slotWidth: Double { (plotRight - plotLeft) / Double(max(1, slots)) }

    /// The centre of slot `index`.
    func x(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * slotWidth }

    func y(_ value: Double, on axis: ChartAxis) -> Double {
        axis.position(value, from: plotBottom, to: plotTop)
    }

    /// The height of `value`, held inside the plot; `clipped` when it had to be.
    func clampedY(_ value: Double, on axis: ChartAxis) -> (y: Double, clipped: Bool) {
        let y = self.y(value, on: axis)
        if y < plotTop { return (plotTop, true) }
        if y > plotBottom { return (plotBottom, true) }
        return (y, false)
    }

    /// Up to `count` slot indices for axis labels, evenly spread, always the first and the last.
    func labelledSlots(count: Int) -> [Int] {
        guard slots > 1 else { return slots == 1 ? [0] : [] }
        let wanted = min(count, slots)
        guard wanted > 1 else { return [slots - 1] }
        let indices = (0..<wanted).map { Int((Double($0) * Double(slots - 1) / Double(wanted - 1)).rounded()) }
        return Array(Set(indices)).sorted()
    }

    /// `<svg ...>` with a view box and an accessible name.
    func open(label: String, cssClass: String) -> String {
        let size = "viewBox=\"0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))\""
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" \(size) role=\"img\" aria-label=\"\(MarkupEscaping.escape(label))\">"
    }

    /// The horizontal grid, the value labels and the vertical axis title; an axis of positive
    /// values that does not start at zero shows a break (two slanted strokes across its foot),
    /// so that a reader does not take the height of a line for its size.
    func valueAxis(_ axis: ChartAxis, title: String, unit: MetricUnit? = nil) -> String {
        var svg = "<g class=\"y-axis\">"
        for tick in axis.ticks {
            let y = SVGNumber.format(self.y(tick, on: axis))
            svg +=
                "<line x1=\"\(SVGNumber.format(plotLeft))\" x2=\"\(SVGNumber.format(plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#eaeef2\"/>"
            svg +=
                "<text x=\"\(SVGNumber.format(plotLeft - 6))\" y=\"\(y)\" dy=\"0.32em\" text-anchor=\"end\" font-size=\"12\" fill=\"#57606a\">\(axis.label(tick))</text>"
        }
        let middle = SVGNumber.format((plotTop + plotBottom) / 2)
        svg +=
            "<text transform=\"translate(12 \(middle)) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">\(MarkupEscaping.escape(title))</text>"
        svg +=
            "<line x1=\"\(SVGNumber.format(plotLeft))\" x2=\"\(SVGNumber.format(plotLeft))\" y1=\"\(SVGNumber.format(plotTop))\" y2=\"\(SVGNumber.format(plotBottom))\" stroke=\"#8c959f\"/>"
        svg +=
            "<line x1=\"\(SVGNumber.format(plotLeft))\" x2=\"\(SVGNumber.format(plotRight))\" y1=\"\(SVGNumber.format(plotBottom))\" y2=\"\(SVGNumber.format(plotBottom))\" stroke=\"#8c959f\"/>"
        if axis.lower > 0 {
            let foot = plotBottom - 3
            let x = plotLeft
            let words =
                "the axis starts at \(unit.map { $0.format(axis.lower) } ?? axis.label(axis.lower)), not at zero"
            svg +=
                "<g class=\"axis-break\"><title>\(MarkupEscaping.escape(words))</title>"
                + "<path d=\"M\(SVGNumber.format(x - 6)) \(SVGNumber.format(foot + 2))l12 -5m-12 9l12 -5\" "
                + "stroke=\"#24292f\" stroke-width=\"1.4\"/>"
                + "<rect x=\"\(SVGNumber.format(x - 1))\" y=\"\(SVGNumber.format(foot - 3))\" width=\"2\" height=\"6\" fill=\"#fff\"/>"
                + "</g>"
        }
        return svg + "</g>"
    }

    /// A vertical line from the top of the plot to its bottom at `x`, drawn with `style`
    /// (stroke attributes): the markers of the reported run's baseline, environment changes and
    /// change points.
    func acrossPlot(at x: Double, style: String) -> String {
        let x = SVGNumber.format(x)
        return
            "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGNumber.format(plotTop))\" y2=\"\(SVGNumber.format(plotBottom))\" \(style)/>"
    }

    /// The boundary between a run's slot and the one before it: where a change between them is marked.
    func boundary(before index: Int) -> Double { x(index) - slotWidth / 2 }

    /// Date and run id under the labelled slots; the time of day too where one day holds
    /// several runs of the chart, so that two labels never read the same.
    func runAxis(dates: [Date], runIDs: [Int64], labels: Int = 6) -> String {
        var svg = "<g class=\"x-axis\">"
        let days = dates.map(ReportDate.day)
        let withTime = Set(days).count < days.count
        for index in labelledSlots(count: labels) {
            let x = SVGNumber.format(self.x(index))
            let y = plotBottom
            svg +=
                "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGNumber.format(y))\" y2=\"\(SVGNumber.format(y + 4))\" stroke=\"#8c959f\"/>"
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGNumber.format(y + 15))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">\(withTime ? ReportDate.monthDayTime(dates[index]) : ReportDate.monthDay(dates[index]))</text>"
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGNumber.format(y + 27))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">#\(runIDs[index])</text>"
        }
        return svg + "</g>"
    }
}
