import BenchModel
import Foundation
import Regression

/// One key metric over the last runs: a figure per run, the spread of its samples, and the
/// lines a reader compares it with (the baseline, the alert limit).
package struct MetricTrend: Sendable, Codable, Hashable {
    package var metric: MetricID
    /// Words for the chart's title: "Creation time (create + start)".
    package var title: String
    package var unit: MetricUnit
    package var direction: Direction
    /// The figure of each run: the configured statistic, or `total` for counts.
    package var statistic: SummaryStatistic
    /// Horizontal lines: the baseline's figure and the limits of the rules that watch the metric.
    package var references: [TrendReference]
    /// One per run in the window, oldest first, including runs without the metric.
    package var points: [TrendPoint]
    /// The change points of the metric's history that fall in the window, oldest first.
    package var changePoints: [LevelShift] = []

    /// The points a chart draws: completed runs that measured the metric.
    package var plotted: [TrendPoint] { points.filter(\.isPlotted) }

    /// Where run `runID` stands in the window, when it is in it.
    func index(ofRun runID: Int64) -> Int? { points.firstIndex { $0.runID == runID } }
}

/// One run in a trend.
package struct TrendPoint: Sendable, Codable, Hashable {
    package var runID: Int64
    package var startedAt: Date
    package var status: RunStatus
    package var label: String?
    /// The run's figure; nil when the run did not measure the metric.
    package var value: Double?
    /// The smallest and largest sample of the run: the whiskers around the line. Absent for totals.
    package var low: Double?
    package var high: Double?
    /// The 25th and 75th percentiles of the run's samples: the band around the line. Absent for totals.
    package var lowerQuartile: Double?
    package var upperQuartile: Double?
    /// Why a failed or aborted run stopped.
    package var reason: String?
    /// Samples behind the figure.
    package var sampleCount: Int?
    /// Baselines that point at the run.
    package var baselineNames: [String]
    /// True when the reported run was compared with this run.
    package var isComparedBaseline: Bool
    /// Alerts stored for the run; for the reported run, the alerts that stand after its comparison.
    package var alertCount: Int
    /// Those of the run's alerts that are about this metric.
    package var metricAlertCount: Int
    package var isReportedRun: Bool
    /// The alert limit the run's standing gate decision judged this metric by; nil when the
    /// run was not gated on it.
    package var decidedLimit: Double? = nil

    /// A chart draws completed runs only: a failed or aborted run's figures cover part of the
    /// suite at best, so it is a gap even when it measured the metric before it stopped.
    package var isPlotted: Bool { status == .completed && value != nil }
    package var isBaseline: Bool { isComparedBaseline || !baselineNames.isEmpty }
}

/// A horizontal line on a trend chart.
package struct TrendReference: Sendable, Codable, Hashable {
    package enum Kind: String, Sendable, Codable {
        /// The baseline's figure for the metric.
        case baseline
        /// Where a rule starts alerting: a bound, or the baseline moved by the relative limit.
        case alertLimit
    }

    package var kind: Kind
    package var value: Double
    /// "baseline \"default\" (run 41)", "alert above +20 %".
    package var label: String
}

/// The metrics the trend charts show, in the order the page shows them.
package struct TrendMetric: Sendable, Hashable {
    package var metric: MetricID
    package var title: String

    package init(_ metric: MetricID, title: String) {
        self.metric = metric
        self.title = title
    }

    package init(_ metric: Metric, title: String) {
        self.init(metric.id, title: title)
    }

    package static let keyMetrics: [TrendMetric] = [
        TrendMetric(Metric.creation.createStart, title: "Creation time (create + start)"),
        // Under creation: a run measured while other work took the host's CPU is told apart at a glance.
        TrendMetric(Metric.run.foreignCPU, title: "Other work on the host (% of one core, mean over the run)"),
        TrendMetric(Metric.run.ioWait, title: "Time some task of the host waited for I/O (%, mean over the run)"),
        TrendMetric(Metric.parallel.efficiency, title: "Parallel efficiency (speedup / containers)"),
        TrendMetric(Metric.cleanup.failures, title: "Cleanup failures per run"),
        TrendMetric(Metric.e2e.cycle, title: "End-to-end cycle"),
        TrendMetric(Metric.overhead.overhead(.simple), title: "Overhead over the host interpreter (cold container)"),
        TrendMetric(Metric.warm.overhead, title: "Overhead over the host interpreter (warm container)"),
    ]
}

/// A run whose environment differs from the run before it in a field that can move the
/// figures: a marker on the charts' timeline.
package struct EnvironmentChange: Sendable, Codable, Hashable {
    package var runID: Int64
    package var startedAt: Date
    package var previousRunID: Int64
    /// `baseline` holds the earlier run's value.
    package var differences: [EnvironmentFingerprint.Difference]

    /// "runc version 1.1.5 → 1.1.12; kernel 6.1.0-10 → 6.1.0-11"
    package var summary: String {
        differences.map { "\($0.field) \($0.baseline) → \($0.current)" }.joined(separator: "; ")
    }
}
