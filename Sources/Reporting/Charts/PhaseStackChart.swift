import BenchModel
import Foundation
import Regression

/// The lifecycle phases of the creation samples over the last runs as stacked bars: one bar per
/// run, one segment per phase (its median seconds), in lifecycle order from the bottom.
/// Failed and aborted runs are gaps, as on the trend charts.
enum PhaseStackChart {
    static func render(_ history: PhaseHistory) -> String {
        let frame = ChartFrame(
            width: 1160, height: 260, left: 58, right: 16, top: 18, bottom: 40, slots: history.runs.count)
        let axis = ChartAxis(covering: history.runs.filter(\.isPlotted).map(\.stackedSeconds), includingZero: true)
        var svg = frame.open(
            label: "Lifecycle phases of \(history.metric) over \(history.runs.count) runs (median seconds per phase)",
            cssClass: "phases")
        svg += frame.valueAxis(axis, title: "seconds")
        let barWidth = max(1.5, frame.slotWidth * 0.72)
        for (index, run) in history.runs.enumerated() {
            let x = frame.x(index)
            if run.isReportedRun {
                let width = max(6, frame.slotWidth)
                svg +=
                    "<rect class=\"reported-run\" x=\"\(SVGNumber.format(x - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"#0969da\" fill-opacity=\"0.08\"/>"
            }
            if run.alertCount > 0 {
                svg +=
                    "<path class=\"alert-flag\" data-run=\"\(run.runID)\" d=\"M\(SVGNumber.format(x)) \(SVGNumber.format(frame.plotTop - 2))l-5 -9h10z\" fill=\"\(TrendChart.alertColor)\"/>"
            }
            guard run.isPlotted else {
                svg += gap(run, x: x, frame: frame)
                continue
            }
            svg += "<g class=\"stack\" data-run=\"\(run.runID)\"><title>\(MarkupEscaping.escape(tooltip(run)))</title>"
            var bottom = 0.0
            for phase in run.phases {
                let y0 = frame.y(bottom, on: axis)
                let y1 = frame.y(bottom + phase.seconds, on: axis)
                svg +=
                    "<rect class=\"phase \(phase.phase.rawValue)\" x=\"\(SVGNumber.format(x - barWidth / 2))\" y=\"\(SVGNumber.format(y1))\" width=\"\(SVGNumber.format(barWidth))\" height=\"\(SVGNumber.format(max(0, y0 - y1)))\" fill=\"\(ReportStyle.phaseColors[phase.phase.rawValue] ?? "#888")\"/>"
                bottom += phase.seconds
            }
            if run.isComparedBaseline {
                let top = frame.y(bottom, on: axis)
                svg +=
                    "<path class=\"baseline-marker\" data-run=\"\(run.runID)\" d=\"M\(SVGNumber.format(x)) \(SVGNumber.format(top - 16))l5 5l-5 5l-5 -5z\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"1.4\"/>"
            }
            svg += "</g>"
        }
        svg += frame.runAxis(dates: history.runs.map(\.startedAt), runIDs: history.runs.map(\.runID), labels: 12)
        if !history.runs.contains(where: \.isPlotted) {
            svg +=
                "<text x=\"\(SVGNumber.format(frame.width / 2))\" y=\"\(SVGNumber.format(frame.height / 2))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">No completed run in this window recorded lifecycle phases.</text>"
        }
        return svg + "</svg>"
    }

    private static func gap(_ run: PhaseRun, x: Double, frame: ChartFrame) -> String {
        let stopped = run.status != .completed
        let color = stopped ? TrendChart.gapColor : "#8c959f"
        let width = max(2, frame.slotWidth * 0.8)
        var svg = "<g class=\"gap\" data-run=\"\(run.runID)\" data-status=\"\(run.status.rawValue)\">"
        let reason = stopped ? "\(run.status.rawValue): not plotted" : "completed without phase timings"
        svg += "<title>run \(run.runID), \(ReportDate.minute(run.startedAt))\n\(reason)</title>"
        svg +=
            "<rect x=\"\(SVGNumber.format(x - width / 2))\" y=\"\(SVGNumber.format(frame.plotTop))\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(frame.plotBottom - frame.plotTop))\" fill=\"\(color)\" fill-opacity=\"0.12\"/>"
        if stopped {
            let y = frame.plotBottom - 7
            svg +=
                "<path d=\"M\(SVGNumber.format(x - 4)) \(SVGNumber.format(y - 4))l8 8m0 -8l-8 8\" stroke=\"\(color)\" stroke-width=\"1.8\"/>"
        }
        return svg + "</g>"
    }

    private static func tooltip(_ run: PhaseRun) -> String {
        var lines = [
            "run \(run.runID), \(ReportDate.minute(run.startedAt)), \(ValueFormat.count(run.sampleCount, "sample"))"
        ]
        lines += run.phases.reversed().map { "\($0.phase.rawValue): \(MetricUnit.seconds.format($0.seconds))" }
        lines.append("sum of medians: \(MetricUnit.seconds.format(run.stackedSeconds))")
        if run.isComparedBaseline { lines.append("the baseline of this report") }
        if run.alertCount > 0 { lines.append(ValueFormat.count(run.alertCount, "alert")) }
        return lines.joined(separator: "\n")
    }
}
