import BenchModel
import Regression

/// The cells of one metric's row, as the terminal table, the Markdown table and the HTML report show it.
package struct ComparisonRow: Sendable {
    package static let headers = ["metric", "baseline", "current", "change", "interval", "p", "n", "verdict"]
    /// Columns holding figures, aligned right.
    package static let numericColumns: Set<Int> = [1, 2, 3, 5, 6]

    package var cells: [String]

    package init(_ comparison: MetricComparison) {
        let unit = comparison.unit
        let missing = "—"
        let change: String =
            if let change = ValueFormat.change(
                comparison.change, baseline: comparison.baseline, current: comparison.current, unit: unit)
            {
                change
            } else if comparison.baseline != nil, comparison.current != nil {
                "from 0"
            } else {
                missing
            }
        cells = [
            comparison.metric.rawValue,
            comparison.baseline.map { ValueFormat.value($0, unit: unit) } ?? missing,
            comparison.current.map { ValueFormat.value($0, unit: unit) } ?? missing,
            change,
            comparison.interval.map(ValueFormat.interval) ?? missing,
            comparison.pValue.map(ValueFormat.pValue) ?? missing,
            "\(comparison.baselineCount)/\(comparison.currentCount)",
            comparison.verdict.rawValue,
        ]
    }

    /// "interval" in the header reads better with its level: "95 % CI".
    package static func headers(confidence: Double) -> [String] {
        headers.map { $0 == "interval" ? "\(ValueFormat.percentage(confidence)) CI" : $0 }
    }

    /// The line under the title: what the figures are.
    package static func legend(_ result: RunComparison) -> String {
        let baselineRuns =
            result.baselineRunCount > 1
            ? "; baseline: median of \(result.baselineRunCount) runs' \(result.statistic.rawValue)s" : ""
        return
            "\(result.statistic.rawValue) per metric (counts: total)\(baselineRuns); change = (current − baseline) / baseline"
            + " (of a percentage: current − baseline, in percentage points, pp);"
            + " CI of the relative change by bootstrap (\(result.noise.resamples) resamples); p from the Mann–Whitney U test;"
            + " n = baseline/current samples"
    }
}
