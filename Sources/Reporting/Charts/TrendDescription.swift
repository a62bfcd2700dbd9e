import BenchModel
import Foundation
import Regression

/// A trend chart's accessible name: what a reader of the picture takes from it, in words — the
/// latest figure, the baseline, the limit, the alerts about the metric and the change points —
/// so that a screen reader hears more than the chart's title.
enum TrendDescription {
    static func sentence(_ trend: MetricTrend) -> String {
        var parts = ["\(trend.title) (\(trend.metric.rawValue), \(trend.statistic.rawValue) per run)"]
        parts.append("over \(ValueFormat.count(trend.points.count, "run"))")
        if let latest = trend.plotted.last, let value = latest.value {
            parts.append("latest \(trend.unit.format(value)) in run \(latest.runID)")
        } else {
            parts.append("no run measured it")
        }
        for reference in trend.references {
            let word = reference.kind == .baseline ? "baseline" : "alert limit"
            parts.append("\(word) \(trend.unit.format(reference.value))")
        }
        if let limit = trend.points.last(where: { $0.decidedLimit != nil })?.decidedLimit,
            !trend.references.contains(where: { $0.kind == .alertLimit })
        {
            parts.append("alert limit of the latest decision \(trend.unit.format(limit))")
        }
        let alerting = trend.points.filter { $0.metricAlertCount > 0 }.map(\.runID)
        parts.append(
            alerting.isEmpty
                ? "no alert about this metric"
                : "alert about this metric in " + (alerting.count == 1 ? "run " : "runs ")
                    + alerting.map(String.init).joined(separator: ", "))
        if !trend.changePoints.isEmpty {
            parts.append(
                ValueFormat.count(trend.changePoints.count, "change point") + ": "
                    + trend.changePoints.map {
                        "\($0.change >= 0 ? "up" : "down") \(ValueFormat.magnitude($0.change)) at run \($0.runID)"
                    }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
