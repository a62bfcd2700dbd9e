import BenchModel
import Foundation

/// What `prune` did.
public struct PruneOutcome: Sendable, Codable, Hashable {
    /// The runs deleted, oldest first.
    public var deletedRunIDs: [Int64]
    /// Runs old enough to go that stayed because a baseline points to them.
    public var keptForBaselines: [Int64]

    public init(deletedRunIDs: [Int64], keptForBaselines: [Int64]) {
        self.deletedRunIDs = deletedRunIDs
        self.keptForBaselines = keptForBaselines
    }
}

extension ResultsDatabase {
    /// Deletes run `id` and everything recorded for it. Refuses a run a baseline points to, and
    /// a run still running in a live process, unless `force` (which also removes its baselines).
    public func deleteRun(_ runID: Int64, force: Bool = false) throws {
        try write { connection in
            let run = try Self.fetchRun(runID, connection)
            let baselines = try connection.rows("SELECT name FROM baselines WHERE run_id = ? ORDER BY name", [runID]) { $0.text(0) }
            if !force {
                guard baselines.isEmpty else { throw StoreError.runIsBaseline(id: runID, baselines: baselines) }
                guard run.status != .running else { throw StoreError.runIsRunning(id: runID) }
            }
            try connection.execute("DELETE FROM baselines WHERE run_id = ?", [runID])
            try connection.execute("DELETE FROM runs WHERE id = ?", [runID])
        }
    }

    /// Deletes the runs started more than `keepDays` days before `now`, except runs a baseline
    /// points to and runs still running.
    public func prune(keepDays: Int, now: Date = Date()) throws -> PruneOutcome {
        guard keepDays >= 0 else { throw StoreError.negativeKeepDays(keepDays) }
        let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
        return try write { connection in
            let old = try connection.rows(
                """
                SELECT id, EXISTS (SELECT 1 FROM baselines b WHERE b.run_id = runs.id) FROM runs
                WHERE started_at < \(Timestamp.fromParameter) AND status <> 'running'
                ORDER BY started_at, id
                """, [Timestamp.parameter(cutoff)]
            ) { (id: $0.int64(0), isBaseline: $0.bool(1)) }
            let deletable = old.filter { !$0.isBaseline }.map(\.id)
            for id in deletable {
                try connection.execute("DELETE FROM runs WHERE id = ?", [id])
            }
            return PruneOutcome(deletedRunIDs: deletable, keptForBaselines: old.filter(\.isBaseline).map(\.id))
        }
    }
}
