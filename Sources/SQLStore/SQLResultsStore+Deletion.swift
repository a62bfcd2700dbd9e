import BenchModel
import Foundation
import ResultsStore

extension SQLResultsStore {
    package func deleteRun(_ runID: Int64, force: Bool) async throws {
        try await write { connection in
            let run = try SQLReader.run(runID, locked: true, connection)
            let baselines = try connection.rows(
                "SELECT name FROM baselines WHERE run_id = \(runID) ORDER BY \(.byteOrder("name"))"
            ) { try $0.text("name") }
            if run.status == .running,
                let owner = try connection.firstRow(
                    "SELECT host, pid, process_start FROM runs WHERE id = \(runID)",
                    { row in
                        ProcessIdentity(
                            host: try row.text("host"), pid: Int32(truncatingIfNeeded: try row.int64("pid")),
                            start: try row.text("process_start"))
                    }),
                let refusal = StoreError.deletionRefused(running: runID, owner: owner, force: force)
            {
                throw refusal
            }
            if !force, !baselines.isEmpty { throw StoreError.runIsBaseline(id: runID, baselines: baselines) }
            try connection.execute("DELETE FROM baselines WHERE run_id = \(runID)")
            try connection.execute("DELETE FROM runs WHERE id = \(runID)")
        }
    }

    package func prune(keepDays: Int, now: Date, dryRun: Bool) async throws -> PruneOutcome {
        let cutoff = try PruneOutcome.cutoff(keepDays: keepDays, now: now)
        let prune: @Sendable (Connection) throws -> PruneOutcome = { connection in
            let old = try connection.rows(
                """
                SELECT id, EXISTS (SELECT 1 FROM baselines b WHERE b.run_id = runs.id) AS is_baseline FROM runs
                WHERE started_at < \(cutoff) AND status <> 'running'
                ORDER BY started_at, id
                """
            ) { (id: try $0.int64("id"), isBaseline: try $0.bool("is_baseline")) }
            let deletable = old.filter { !$0.isBaseline }.map(\.id)
            if !dryRun, !deletable.isEmpty {
                try connection.execute("DELETE FROM runs WHERE \(.member("id", of: deletable))")
            }
            return PruneOutcome(
                deletedRunIDs: deletable, keptForBaselines: old.filter(\.isBaseline).map(\.id), dryRun: dryRun)
        }
        // A dry run only reads: it works on a database opened read-only (another user's nightly results).
        return try await dryRun ? database.read(prune) : write(.plain, prune)
    }
}
