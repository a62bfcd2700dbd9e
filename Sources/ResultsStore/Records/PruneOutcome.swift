import Foundation

/// What `prune` did, or with `dryRun` would do.
package struct PruneOutcome: Sendable, Codable, Hashable {
    /// The runs deleted (or that would be), oldest first.
    package var deletedRunIDs: [Int64]
    /// Runs old enough to go that stayed because a baseline points to them.
    package var keptForBaselines: [Int64]
    /// Runs old enough to go that stayed because a stored decision of a run that stays compared
    /// with them (its verdict's baseline): deleting them would leave that verdict without its reference.
    package var keptForDecisions: [Int64] = []
    /// The testbed pruned; nil for every testbed.
    package var testbed: String?
    /// True when nothing was deleted: the outcome says what a real prune would delete.
    package var dryRun: Bool

    package init(deletedRunIDs: [Int64], keptForBaselines: [Int64], dryRun: Bool = false) {
        self.deletedRunIDs = deletedRunIDs
        self.keptForBaselines = keptForBaselines
        self.dryRun = dryRun
    }

    /// Runs started before this moment are old enough to be pruned.
    package static func cutoff(keepDays: Int, now: Date) throws(StoreError) -> Date {
        guard keepDays >= 0 else { throw .negativeKeepDays(keepDays) }
        return now.addingTimeInterval(-Double(keepDays) * 86_400)
    }
}
