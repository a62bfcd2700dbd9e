import BenchModel
import Foundation

/// One run in the history of one metric. Runs without the metric (failed, aborted, or a spec
/// that did not run) are points too, with no summary, so that charts can show the gap.
package struct HistoryPoint: Sendable, Codable, Hashable {
    package var runID: Int64
    package var startedAt: Date
    package var status: RunStatus
    package var label: String?
    package var summary: MetricSummary?

    package init(runID: Int64, startedAt: Date, status: RunStatus, label: String?, summary: MetricSummary?) {
        self.runID = runID
        self.startedAt = startedAt
        self.status = status
        self.label = label
        self.summary = summary
    }
}
