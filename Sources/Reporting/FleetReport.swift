import BenchModel
import Foundation
import Regression
import ResultsStore

/// Every testbed of a store on one page: the latest run's key figures, its verdict, since when it
/// has been alerting, how its creation time compares with the fleet's, and its trends. Answers
/// "which host is slow, and since when".
public struct FleetReport: Sendable, Codable, Hashable {
    public var generatedAt: Date
    /// The store, named without a password.
    public var store: String
    /// Main runs per testbed in each trend.
    public var historyLength: Int
    /// Alerting testbeds first, then by name.
    public var testbeds: [FleetTestbed]
    /// The median over testbeds of each key metric's latest figure.
    public var fleetMedians: [String: Double]
}

/// One testbed in the fleet view.
public struct FleetTestbed: Sendable, Codable, Hashable {
    public var testbed: String
    public var latestRun: FleetRun
    /// The latest run's figure of each key metric it measured.
    public var figures: [FleetFigure]
    public var verdict: FleetVerdict
    /// The oldest run of the unbroken series of alerting runs that ends with the latest gated run.
    public var alertingSince: FleetRun?
    /// Gated runs in that series.
    public var alertingRuns: Int
    public var trends: [MetricTrend]
}

/// A run as the fleet view names it.
public struct FleetRun: Sendable, Codable, Hashable {
    public var id: Int64
    public var uuid: UUID
    public var startedAt: Date
    public var status: RunStatus
    public var label: String?

    public init(_ run: RunRecord) {
        id = run.id
        uuid = run.uuid
        startedAt = run.startedAt
        status = run.status
        label = run.label
    }
}

/// A key figure of a testbed's latest run, beside the fleet's.
public struct FleetFigure: Sendable, Codable, Hashable {
    public var metric: MetricID
    public var unit: MetricUnit
    public var statistic: SummaryStatistic
    public var value: Double
    /// value / the fleet median: 1.4 means 40 % above the fleet's middle testbed.
    public var fleetRatio: Double?
}

/// The latest run's verdict: its latest stored gate decision.
public struct FleetVerdict: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case passed, alert
        /// The latest run was never gated.
        case notGated = "not-gated"
        /// The latest run did not complete: there is nothing to judge.
        case notCompleted = "not-completed"
    }

    public var kind: Kind
    public var alertCount: Int
    public var decidedAt: Date?
    public var baseline: String?
}

extension FleetReport {
    /// The metrics the fleet view compares, in column order.
    public static let keyMetrics: [TrendMetric] = [
        TrendMetric(.creationTime, title: "Creation time"),
        TrendMetric(.parallelEfficiency, title: "Parallel efficiency"),
        TrendMetric("e2e.cycle_s", title: "End-to-end cycle"),
        TrendMetric(.cleanupFailures, title: "Cleanup failures"),
    ]

    public static let defaultHistoryLength = 30
}
