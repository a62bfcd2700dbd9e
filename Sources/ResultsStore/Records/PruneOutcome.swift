import Foundation

/// What `prune` did, or with `dryRun` would do.
public struct PruneOutcome: Sendable, Codable, Hashable {
    /// The runs deleted (or that would be), oldest first.
    public var deletedRunIDs: [Int64]
    /// Runs old enough to go that stayed because a baseline points to them.
    public var keptForBaselines: [Int64]
    /// True when nothing was deleted: the outcome says what a real prune would delete.
    public var dryRun: Bool

    public init(deletedRunIDs: [Int64], keptForBaselines: [Int64], dryRun: Bool = false) {
        self.deletedRunIDs = deletedRunIDs
        self.keptForBaselines = keptForBaselines
        self.dryRun = dryRun
    }

    /// Runs started before this moment are old enough to be pruned.
    public static func cutoff(keepDays: Int, now: Date) throws(StoreError) -> Date {
        guard keepDays >= 0 else { throw .negativeKeepDays(keepDays) }
        return now.addingTimeInterval(-Double(keepDays) * 86_400)
    }
}
