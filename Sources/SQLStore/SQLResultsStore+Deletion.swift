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

    package func prune(keepDays: Int, now: Date, dryRun: Bool, testbed: String?) async throws -> PruneOutcome {
        let cutoff = try PruneOutcome.cutoff(keepDays: keepDays, now: now)
        let prune: @Sendable (Connection) throws -> PruneOutcome = { connection in
            let scope: SQL = testbed.map { (name: String) -> SQL in "AND testbed = \(name)" } ?? SQL(verbatim: "")
            let old = try connection.rows(
                """
                SELECT id, uuid, EXISTS (SELECT 1 FROM baselines b WHERE b.run_id = runs.id) AS is_baseline FROM runs
                WHERE started_at < \(cutoff) AND status <> 'running' \(scope)
                ORDER BY started_at, id
                """
            ) { (id: try $0.int64("id"), uuid: try $0.optionalText("uuid"), isBaseline: try $0.bool("is_baseline")) }
            let keptForDecisions = try Self.comparedWith(
                old.filter { !$0.isBaseline }.map { (id: $0.id, uuid: $0.uuid) }, connection)
            let deletable = old.filter { !$0.isBaseline && !keptForDecisions.contains($0.id) }.map(\.id)
            if !dryRun, !deletable.isEmpty {
                try connection.execute("DELETE FROM runs WHERE \(.member("id", of: deletable))")
            }
            var outcome = PruneOutcome(
                deletedRunIDs: deletable, keptForBaselines: old.filter(\.isBaseline).map(\.id), dryRun: dryRun)
            outcome.keptForDecisions = old.map(\.id).filter { keptForDecisions.contains($0) }
            outcome.testbed = testbed
            return outcome
        }
        // A dry run only reads: it works on a database opened read-only (another user's nightly results).
        return try await dryRun ? database.read(prune) : write(.plain, prune)
    }

    /// Of `candidates` (id, UUID), those that a stored decision of a run that is not a candidate
    /// (newer, running, of another testbed, or kept for a baseline) compared with: its verdict's
    /// baseline. Not transitive: the baseline of a kept run's own decision may go — else a nightly
    /// gated against the night before would keep every run it ever stored.
    private static func comparedWith(_ candidates: [(id: Int64, uuid: String?)], _ connection: Connection) throws
        -> Set<Int64>
    {
        guard !candidates.isEmpty else { return [] }
        let candidateIDs = Set(candidates.map(\.id))
        var idByUUID: [String: Int64] = [:]
        for candidate in candidates {
            if let uuid = candidate.uuid { idByUUID[uuid.lowercased()] = candidate.id }
        }
        let decisions = try connection.rows("SELECT id, run_id, baseline_runs FROM decisions") { row in
            let id = try row.int64("id")
            let runs = try row.json("baseline_runs", of: "decision \(id)")
            guard let references = try? StrictJSONDecoder().decode([BaselineReference.Run].self, from: runs) else {
                throw row.invalid("decisions.baseline_runs", expected: "a JSON list of runs")
            }
            return (run: try row.int64("run_id"), runs: references)
        }
        var kept: Set<Int64> = []
        for decision in decisions where !candidateIDs.contains(decision.run) {
            for run in decision.runs {
                if let id = run.id, candidateIDs.contains(id) { kept.insert(id) }
                if let id = idByUUID[run.uuid.uuidString.lowercased()] { kept.insert(id) }
            }
        }
        return kept
    }
}
