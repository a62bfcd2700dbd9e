import BenchModel
import Foundation
import Regression

/// One key metric over the last runs: a figure per run, the spread of its samples, and the
/// lines a reader compares it with (the baseline, the alert limit).
public struct MetricTrend: Sendable, Codable, Hashable {
    public var metric: MetricID
    /// Words for the chart's title: "Creation time (create + start)".
    public var title: String
    public var unit: MetricUnit
    public var direction: Direction
    /// The figure of each run: the configured statistic, or `total` for counts.
    public var statistic: SummaryStatistic
    /// Horizontal lines: the baseline's figure and the limits of the rules that watch the metric.
    public var references: [TrendReference]
    /// One per run in the window, oldest first, including runs without the metric.
    public var points: [TrendPoint]
    /// The change points of the metric's history that fall in the window, oldest first.
    public var changePoints: [LevelShift] = []

    /// The points a chart draws: completed runs that measured the metric.
    public var plotted: [TrendPoint] { points.filter(\.isPlotted) }
}

/// One run in a trend.
public struct TrendPoint: Sendable, Codable, Hashable {
    public var runID: Int64
    public var startedAt: Date
    public var status: RunStatus
    public var label: String?
    /// The run's figure; nil when the run did not measure the metric.
    public var value: Double?
    /// The smallest and largest sample of the run: the whiskers around the line. Absent for totals.
    public var low: Double?
    public var high: Double?
    /// The 25th and 75th percentiles of the run's samples: the band around the line. Absent for totals.
    public var lowerQuartile: Double?
    public var upperQuartile: Double?
    /// Why a failed or aborted run stopped.
    public var reason: String?
    /// Samples behind the figure.
    public var sampleCount: Int?
    /// Baselines that point at the run.
    public var baselineNames: [String]
    /// True when the reported run was compared with this run.
    public var isComparedBaseline: Bool
    /// Alerts stored for the run; for the reported run, the alerts that stand after its comparison.
    public var alertCount: Int
    /// Those of the run's alerts that are about this metric.
    public var metricAlertCount: Int
    public var isReportedRun: Bool

    /// A chart draws completed runs only: a failed or aborted run's figures cover part of the
    /// suite at best, so it is a gap even when it measured the metric before it stopped.
    public var isPlotted: Bool { status == .completed && value != nil }
    public var isBaseline: Bool { isComparedBaseline || !baselineNames.isEmpty }
}

/// A horizontal line on a trend chart.
public struct TrendReference: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// The baseline's figure for the metric.
        case baseline
        /// Where a rule starts alerting: a bound, or the baseline moved by the relative limit.
        case alertLimit
    }

    public var kind: Kind
    public var value: Double
    /// "baseline \"default\" (run 41)", "alert above +20 %".
    public var label: String
}

/// The metrics the trend charts show, in the order the page shows them.
public struct TrendMetric: Sendable, Hashable {
    public var metric: MetricID
    public var title: String

    public init(_ metric: MetricID, title: String) {
        self.metric = metric
        self.title = title
    }

    public static let keyMetrics: [TrendMetric] = [
        TrendMetric(.creationTime, title: "Creation time (create + start)"),
        TrendMetric(.parallelEfficiency, title: "Parallel efficiency (speedup / containers)"),
        TrendMetric(.cleanupFailures, title: "Cleanup failures per run"),
        TrendMetric("e2e.cycle_s", title: "End-to-end cycle"),
        TrendMetric("overhead_simple.overhead_pct", title: "Overhead over the host interpreter (cold container)"),
        TrendMetric("warm.overhead_pct", title: "Overhead over the host interpreter (warm container)"),
    ]
}

/// A run whose environment differs from the run before it in a field that can move the
/// figures: a marker on the charts' timeline.
public struct EnvironmentChange: Sendable, Codable, Hashable {
    public var runID: Int64
    public var startedAt: Date
    public var previousRunID: Int64
    /// `baseline` holds the earlier run's value.
    public var differences: [EnvironmentFingerprint.Difference]

    /// "runc version 1.1.5 → 1.1.12; kernel 6.1.0-10 → 6.1.0-11"
    public var summary: String {
        differences.map { "\($0.field) \($0.baseline) → \($0.current)" }.joined(separator: "; ")
    }
}
