import BenchModel
import Foundation

/// A regression the gate found in a run, as stored.
package struct AlertRecord: Sendable, Codable, Hashable {
    /// The run the baseline figures came from; nil once that run has been deleted.
    package var baselineRunID: Int64?
    /// The baseline's name when one was named; nil when the fallback rule picked the run.
    package var baselineName: String?
    package var rule: String
    package var metric: MetricID
    package var baselineValue: Double?
    package var currentValue: Double?
    /// The change the rule judged, as a fraction: 0.201 = +20.1 %.
    package var change: Double?
    /// The lifecycle phase whose median moved most, when the metric has phases.
    package var movedPhase: LifecyclePhase?
    package var message: String
    package var createdAt: Date

    package init(
        baselineRunID: Int64?, baselineName: String?, rule: String, metric: MetricID, baselineValue: Double?,
        currentValue: Double?, change: Double?, movedPhase: LifecyclePhase? = nil, message: String,
        createdAt: Date = Date()
    ) {
        self.baselineRunID = baselineRunID
        self.baselineName = baselineName
        self.rule = rule
        self.metric = metric
        self.baselineValue = baselineValue
        self.currentValue = currentValue
        self.change = change
        self.movedPhase = movedPhase
        self.message = message
        self.createdAt = createdAt
    }
}
