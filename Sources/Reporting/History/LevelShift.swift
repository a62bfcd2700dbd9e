import BenchModel
import Foundation
import Regression
import ResultsStore

/// A change point in a key metric's history: the run where its level changed, with the levels
/// before and after (medians of the runs' figures, up to the neighbouring change points).
package struct LevelShift: Sendable, Codable, Hashable {
    package var metric: MetricID
    /// The first run at the new level.
    package var runID: Int64
    package var startedAt: Date
    /// The last run at the old level.
    package var previousRunID: Int64
    package var unit: MetricUnit
    package var direction: Direction
    /// Median of the runs' figures before and after; runs counted on each side.
    package var beforeMedian: Double
    package var afterMedian: Double
    package var beforeRuns: Int
    package var afterRuns: Int
    /// Relative change of the level's mean, positive when it went up (0.12 = +12 %).
    package var change: Double
    /// Student's t-test between the two levels.
    package var pValue: Double
    /// True when the new level is worse in the metric's direction.
    package var isWorse: Bool
    /// The testbed whose history it is in, where several are searched (`changes` on a fleet's
    /// database); absent where the context names the testbed already (a report, a site).
    package var testbed: String? = nil

    /// The change as every view shows it: the relative change of the level's mean, "+12.0 %"; for
    /// a percentage, the medians' difference in percentage points, "+18.9 pp".
    package var changeText: String {
        unit == .percent ? ValueFormat.delta(afterMedian - beforeMedian, unit: unit) : ValueFormat.change(change)
    }

    /// "level up 12.0 % at run 42: 0.330 s → 0.370 s (medians of 25 and 8 runs), p < 0.001";
    /// "level up 18.9 pp …" for a percentage.
    package var sentence: String {
        let points = afterMedian - beforeMedian
        let word = (unit == .percent ? points : change) >= 0 ? "up" : "down"
        let size = unit == .percent ? unit.formatDistance(points) : ValueFormat.magnitude(change)
        return "level \(word) \(size) at run \(runID): \(unit.format(beforeMedian)) → "
            + "\(unit.format(afterMedian)) (medians of \(beforeRuns) and \(afterRuns) runs), \(ValueFormat.pClause(pValue))"
    }
}

/// One key metric's figure in every completed main run, oldest first: the series change points
/// are searched in.
package struct MetricSeries: Sendable, Hashable {
    package struct Entry: Sendable, Hashable {
        package var runID: Int64
        package var startedAt: Date
        package var value: Double
    }

    package var metric: MetricID
    package var entries: [Entry]

    /// The metrics whose history is searched: the key metrics that are not counts (a count is
    /// judged on each run by its rule, and a level of failures is no level).
    package static var metrics: [MetricID] { TrendMetric.keyMetrics.map(\.metric).filter { $0.unit != .count } }

    package init(metric: MetricID, entries: [Entry]) {
        self.metric = metric
        self.entries = entries
    }

    /// The series of `metric` over `runs` (completed main runs, oldest first), each run's figure
    /// in `statistic` read off its summary; a run without a summary of the metric is left out.
    package init(
        metric: MetricID, runs: [RunRecord], summaries: [Int64: MetricSummary], statistic: SummaryStatistic
    ) {
        let figureStatistic = SummaryStatistic.compared(for: metric, preferred: statistic)
        let entries = runs.compactMap { run in
            summaries[run.id].map {
                Entry(
                    runID: run.id, startedAt: run.startedAt,
                    value: HistoryWindow.figure(of: $0, statistic: figureStatistic))
            }
        }
        self.init(metric: metric, entries: entries)
    }

    /// The change points of the series, oldest first.
    package func levelShifts(settings: ChangePointSettings) -> [LevelShift] {
        let values = entries.map(\.value)
        return ChangePointDetector(settings: settings).changePoints(in: values).map { point in
            LevelShift(
                metric: metric, runID: entries[point.index].runID, startedAt: entries[point.index].startedAt,
                previousRunID: entries[point.index - 1].runID, unit: metric.unit, direction: metric.direction,
                beforeMedian: point.before.median, afterMedian: point.after.median, beforeRuns: point.before.count,
                afterRuns: point.after.count, change: point.change, pValue: point.pValue,
                isWorse: point.isWorse(for: metric.direction))
        }
    }
}
