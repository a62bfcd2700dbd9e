import BenchModel
import Foundation
import Regression
import ResultsStore

/// Every testbed of a store on one page: the latest run's key figures, its verdict, since when it
/// has been alerting, how its creation time compares with the fleet's, and its trends. Answers
/// "which host is slow, and since when".
package struct FleetReport: Sendable, Codable, Hashable {
    package var generatedAt: Date
    /// The store, named without a password.
    package var store: String
    /// Main runs per testbed in each trend.
    package var historyLength: Int
    /// Alerting testbeds first, then by name.
    package var testbeds: [FleetTestbed]
    /// The median over testbeds of each key metric's latest figure.
    package var fleetMedians: [String: Double]
}

/// One testbed in the fleet view.
package struct FleetTestbed: Sendable, Codable, Hashable {
    package var testbed: String
    package var latestRun: FleetRun
    /// The latest run's figure of each key metric it measured.
    package var figures: [FleetFigure]
    package var verdict: FleetVerdict
    /// The oldest run of the unbroken series of alerting runs that ends with the latest gated run.
    package var alertingSince: FleetRun?
    /// Gated runs in that series.
    package var alertingRuns: Int
    package var trends: [MetricTrend]
    /// How long since it reported, against its usual interval (``TestbedSilence``).
    package var silence: TestbedSilence?
}

/// A run as the fleet view names it.
package struct FleetRun: Sendable, Codable, Hashable {
    package var id: Int64
    package var uuid: UUID
    package var startedAt: Date
    package var status: RunStatus
    package var label: String?

    package init(_ run: RunRecord) {
        id = run.id
        uuid = run.uuid
        startedAt = run.startedAt
        status = run.status
        label = run.label
    }
}

/// A key figure of a testbed's latest run, beside the fleet's.
package struct FleetFigure: Sendable, Codable, Hashable {
    package var metric: MetricID
    package var unit: MetricUnit
    package var statistic: SummaryStatistic
    package var value: Double
    /// value / the fleet median: 1.4 means 40 % above the fleet's middle testbed.
    package var fleetRatio: Double?
}

/// The latest run's verdict: its latest standing gate decision (a one-off comparison with another
/// testbed's run does not replace it).
package struct FleetVerdict: Sendable, Codable, Hashable {
    package enum Kind: String, Sendable, Codable {
        case passed, alert
        /// No alert, but a rule's metric was missing on one side: the gate did not pass.
        case missing
        /// The latest run was never gated.
        case notGated = "not-gated"
        /// The latest run did not complete: there is nothing to judge.
        case notCompleted = "not-completed"
    }

    package var kind: Kind
    package var alertCount: Int
    /// Rules whose metric was missing (absent from older reports).
    package var missingCount: Int?
    package var decidedAt: Date?
    package var baseline: String?
}

extension FleetReport {
    /// The metrics the fleet view compares, in column order.
    package static let keyMetrics: [TrendMetric] = [
        TrendMetric(Metric.creation.createStart, title: "Creation time"),
        TrendMetric(Metric.parallel.efficiency, title: "Parallel efficiency"),
        TrendMetric(Metric.e2e.cycle, title: "End-to-end cycle"),
        TrendMetric(Metric.cleanup.failures, title: "Cleanup failures"),
    ]

    package static let defaultHistoryLength = 30
}
