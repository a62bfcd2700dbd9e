import BenchModel
import Foundation

/// Which runs ``ResultsReader/runs(_:)`` returns, and in which order. Every condition that is set
/// must hold; runs are ordered by start time, then id.
public struct RunQuery: Sendable, Hashable {
    public enum Order: Sendable, Hashable {
        case newestFirst
        case oldestFirst
    }

    /// Only runs of this testbed.
    public var testbed: String?
    public var statuses: Set<RunStatus>?
    public var purposes: Set<RunPurpose>?
    /// Only runs started before this run (by start time, then id).
    public var before: RunRecord?
    /// Only runs whose id lies in the range.
    public var ids: ClosedRange<Int64>?
    /// Only runs started at or after this time.
    public var since: Date?
    /// Only the confirmation re-runs of this run.
    public var parent: Int64?
    /// Only runs without stored alerts.
    public var withoutAlerts: Bool
    public var order: Order
    public var limit: Int?

    public init(
        testbed: String? = nil, statuses: Set<RunStatus>? = nil, purposes: Set<RunPurpose>? = nil, before: RunRecord? = nil,
        ids: ClosedRange<Int64>? = nil, since: Date? = nil, parent: Int64? = nil, withoutAlerts: Bool = false,
        order: Order = .newestFirst, limit: Int? = nil
    ) {
        self.testbed = testbed
        self.statuses = statuses
        self.purposes = purposes
        self.before = before
        self.ids = ids
        self.since = since
        self.parent = parent
        self.withoutAlerts = withoutAlerts
        self.order = order
        self.limit = limit
    }

    /// Completed main runs: the runs a baseline can be. With `before`, of that run's testbed.
    public static func completedMainRuns(
        testbed: String? = nil, before run: RunRecord? = nil, withoutAlerts: Bool = false, limit: Int? = nil
    ) -> RunQuery {
        RunQuery(
            testbed: testbed ?? run?.testbed, statuses: [.completed], purposes: [.main], before: run,
            withoutAlerts: withoutAlerts, limit: limit)
    }
}
