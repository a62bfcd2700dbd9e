import BenchModel
import Foundation
import Regression

/// What a trend chart marks besides the runs themselves: the reference lines with their labels
/// in the right margin, environment changes and change points on the timeline.
enum TrendMarkers {
    /// Lines across the plot; each label sits in the right margin at its line's height, moved
    /// apart when two would touch, with the full wording in its tooltip.
    static func references(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var svg = ""
        let hasSteps = trend.points.contains { $0.decidedLimit != nil }
        let placed = labelPositions(trend.references.map { frame.clampedY($0.value, on: axis).y }, frame: frame)
        for (reference, labelY) in zip(trend.references, placed) {
            let y = SVGNumber.format(frame.clampedY(reference.value, on: axis).y)
            let color = reference.kind == .baseline ? "#6e7781" : TrendChart.alertColor
            let dash = reference.kind == .baseline ? "6 4" : "3 3"
            let word = reference.kind == .baseline ? "baseline" : "alert limit"
            svg +=
                "<g class=\"reference \(reference.kind.rawValue)\"><title>\(MarkupEscaping.escape(fullLabel(reference, unit: trend.unit)))</title>"
            // Where decisions drew their own limits, those steps are the limit line; the label stays.
            if reference.kind == .baseline || !hasSteps {
                svg +=
                    "<line x1=\"\(SVGNumber.format(frame.plotLeft))\" x2=\"\(SVGNumber.format(frame.plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(color)\" stroke-dasharray=\"\(dash)\"/>"
            }
            let x = SVGNumber.format(frame.plotRight + 6)
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGNumber.format(labelY))\" dy=\"-1\" font-size=\"12\" fill=\"\(color)\">\(word)</text>"
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGNumber.format(labelY))\" dy=\"11\" font-size=\"12\" fill=\"\(color)\">\(MarkupEscaping.escape(trend.unit.format(reference.value)))</text>"
            svg += "</g>"
        }
        return svg
    }

    /// The alert limit each gated run was judged by, across its slot, joined to its
    /// neighbour's where both were gated: a limit that moved with its baseline shows as the
    /// steps it took, not as today's line drawn over the past.
    static func decidedLimits(_ trend: MetricTrend, frame: ChartFrame, axis: ChartAxis) -> String {
        var path = ""
        var previous: (index: Int, y: Double)?
        for (index, point) in trend.points.enumerated() {
            guard let limit = point.decidedLimit else { continue }
            let y = frame.clampedY(limit, on: axis).y
            let left = frame.boundary(before: index)
            let right = left + frame.slotWidth
            if let previous, previous.index == index - 1 {
                path += "V\(SVGNumber.format(y))H\(SVGNumber.format(right))"
            } else {
                path += "M\(SVGNumber.format(left)) \(SVGNumber.format(y))H\(SVGNumber.format(right))"
            }
            previous = (index, y)
        }
        guard !path.isEmpty else { return "" }
        let words = "the alert limit each gated run's decision judged it by"
        return "<g class=\"decided-limit\"><title>\(words)</title><path d=\"\(path)\" fill=\"none\" "
            + "stroke=\"\(TrendChart.alertColor)\" stroke-dasharray=\"3 3\" stroke-width=\"1.3\"/></g>"
    }

    /// Label heights near `wanted`, at least two lines apart, inside the plot's height.
    static func labelPositions(_ wanted: [Double], frame: ChartFrame) -> [Double] {
        let gap = 25.0
        var placed = wanted
        let order = wanted.indices.sorted { wanted[$0] < wanted[$1] }
        var previous = -Double.infinity
        for index in order {
            placed[index] = max(placed[index], previous + gap, frame.plotTop + 8)
            previous = placed[index]
        }
        // Pushed below the plot: move the stack back up.
        let overflow = (order.last.map { placed[$0] } ?? 0) - (frame.plotBottom - 4)
        if overflow > 0 { for index in order { placed[index] -= overflow } }
        return placed
    }

    static func fullLabel(_ reference: TrendReference, unit: MetricUnit) -> String {
        switch reference.kind {
        case .baseline: "\(reference.label): \(unit.format(reference.value))"
        case .alertLimit: reference.label
        }
    }

    /// A dashed purple line between a run and the one before it where the environment changed,
    /// with a diamond on the time axis; the tooltip says what changed.
    static func environment(_ changes: [EnvironmentChange], trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        for change in changes {
            guard let index = trend.index(ofRun: change.runID) else { continue }
            let position = frame.boundary(before: index)
            svg +=
                "<g class=\"environment-change\" data-run=\"\(change.runID)\"><title>\(MarkupEscaping.escape("environment changed at run \(change.runID) (\(ReportDate.minute(change.startedAt))): \(change.summary)"))</title>"
            svg += frame.acrossPlot(
                at: position,
                style: "stroke=\"\(TrendChart.environmentColor)\" stroke-dasharray=\"4 3\" stroke-width=\"1.3\"")
            svg +=
                "<path d=\"M\(SVGNumber.format(position)) \(SVGNumber.format(frame.plotBottom - 6))l5 5l-5 5l-5 -5z\" fill=\"\(TrendChart.environmentColor)\"/>"
            svg += "</g>"
        }
        return svg
    }

    /// A solid orange line where the level changed, with the size of the change at the top;
    /// the tooltip gives the levels before and after.
    static func changePoints(_ trend: MetricTrend, frame: ChartFrame) -> String {
        var svg = ""
        // Each label takes the first row where it clears the labels before it.
        var rowEnds: [Double] = []
        for shift in trend.changePoints {
            guard let index = trend.index(ofRun: shift.runID) else { continue }
            let position = frame.boundary(before: index)
            let worse = shift.isWorse ? "worse" : "better"
            let text = "change point: \(shift.sentence) (\(worse))"
            svg += "<g class=\"change-point\" data-run=\"\(shift.runID)\"><title>\(MarkupEscaping.escape(text))</title>"
            svg += frame.acrossPlot(at: position, style: "stroke=\"\(TrendChart.changeColor)\" stroke-width=\"1.5\"")
            let arrow = shift.change >= 0 ? "▲" : "▼"
            let anchor = position > (frame.plotLeft + frame.plotRight) / 2 ? "end" : "start"
            let label = "\(arrow) \(ValueFormat.change(shift.change))"
            let width = Double(label.count) * 6.6
            let start = anchor == "end" ? position - 3 - width : position + 3
            let row = rowEnds.firstIndex { $0 + 4 <= start } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(start + width) } else { rowEnds[row] = start + width }
            let labelX = SVGNumber.format(anchor == "end" ? position - 3 : position + 3)
            svg +=
                "<text x=\"\(labelX)\" y=\"\(SVGNumber.format(frame.plotTop + 11 + 13 * Double(row)))\" text-anchor=\"\(anchor)\" font-size=\"12\" font-weight=\"600\" fill=\"\(TrendChart.changeColor)\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(MarkupEscaping.escape(label))</text>"
            svg += "</g>"
        }
        return svg
    }
}
