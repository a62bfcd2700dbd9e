import BenchModel
import Foundation

/// One run in the history of one metric. Runs without the metric (failed, aborted, or a spec
/// that did not run) are points too, with no summary, so that charts can show the gap.
public struct HistoryPoint: Sendable, Codable, Hashable {
    public var runID: Int64
    public var startedAt: Date
    public var status: RunStatus
    public var label: String?
    public var summary: MetricSummary?

    public init(runID: Int64, startedAt: Date, status: RunStatus, label: String?, summary: MetricSummary?) {
        self.runID = runID
        self.startedAt = startedAt
        self.status = status
        self.label = label
        self.summary = summary
    }
}
