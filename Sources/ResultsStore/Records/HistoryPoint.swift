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
}
