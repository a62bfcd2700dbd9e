import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    package func deleteRun(_ runID: Int64, force: Bool) async throws {
        try await write { session in
            let run = try Self.lockRun(runID, session)
            let baselines = try session.rows(
                "SELECT name FROM baselines WHERE run_id = \(runID) ORDER BY name COLLATE \"C\""
            ).map { try $0.text("name") }
            if run.status == .running,
                let owner = try session.firstRow(
                    "SELECT host, pid, process_start FROM runs WHERE id = \(runID)"
                ).map({ row in
                    ProcessIdentity(
                        host: try row.text("host"), pid: try row.value("pid", as: Int32.self),
                        start: try row.text("process_start"))
                }),
                let refusal = StoreError.deletionRefused(running: runID, owner: owner, force: force)
            {
                throw refusal
            }
            if !force, !baselines.isEmpty { throw StoreError.runIsBaseline(id: runID, baselines: baselines) }
            try session.execute("DELETE FROM baselines WHERE run_id = \(runID)")
            try session.execute("DELETE FROM runs WHERE id = \(runID)")
        }
    }

    package func prune(keepDays: Int, now: Date, dryRun: Bool) async throws -> PruneOutcome {
        let cutoff = try PruneOutcome.cutoff(keepDays: keepDays, now: now)
        return try await write { session in
            let old = try session.rows(
                """
                SELECT id, EXISTS (SELECT 1 FROM baselines b WHERE b.run_id = runs.id) AS is_baseline FROM runs
                WHERE started_at < \(PostgresTimestamp.parameter(cutoff)) AND status <> 'running'
                ORDER BY started_at, id
                """
            ).map { (id: try $0.int64("id"), isBaseline: try $0.bool("is_baseline")) }
            let deletable = old.filter { !$0.isBaseline }.map(\.id)
            if !dryRun, !deletable.isEmpty {
                try session.execute("DELETE FROM runs WHERE id = ANY(\(deletable)::int8[])")
            }
            return PruneOutcome(
                deletedRunIDs: deletable, keptForBaselines: old.filter(\.isBaseline).map(\.id), dryRun: dryRun)
        }
    }
}
