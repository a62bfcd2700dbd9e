import BenchModel
import Foundation

/// Which runs ``ResultsReader/runs(_:)`` returns, and in which order. Every condition that is set
/// must hold; runs are ordered by start time, then id.
package struct RunQuery: Sendable, Hashable {
    package enum Order: Sendable, Hashable {
        case newestFirst
        case oldestFirst
    }

    /// Only runs of this testbed.
    package var testbed: String?
    package var statuses: Set<RunStatus>?
    package var purposes: Set<RunPurpose>?
    /// Only runs started before this run (by start time, then id).
    package var before: RunRecord?
    /// Only runs whose id lies in the range.
    package var ids: ClosedRange<Int64>?
    /// Only runs started at or after this time.
    package var since: Date?
    /// Only the confirmation re-runs of this run.
    package var parent: Int64?
    /// Only runs without stored alerts.
    package var withoutAlerts: Bool
    package var order: Order
    package var limit: Int?

    package init(
        testbed: String? = nil, statuses: Set<RunStatus>? = nil, purposes: Set<RunPurpose>? = nil,
        before: RunRecord? = nil,
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
    package static func completedMainRuns(
        testbed: String? = nil, before run: RunRecord? = nil, withoutAlerts: Bool = false, limit: Int? = nil
    ) -> RunQuery {
        RunQuery(
            testbed: testbed ?? run?.testbed, statuses: [.completed], purposes: [.main], before: run,
            withoutAlerts: withoutAlerts, limit: limit)
    }
}
