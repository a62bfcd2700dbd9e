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

    /// Of `candidates` (id, UUID), those a stored decision of a run that stays compared with:
    /// a run kept makes the runs its decisions compared with stay too, until nothing changes.
    private static func comparedWith(_ candidates: [(id: Int64, uuid: String?)], _ connection: Connection) throws
        -> Set<Int64>
    {
        guard !candidates.isEmpty else { return [] }
        let references = try connection.rows("SELECT run_id, baseline_runs FROM decisions") {
            (run: try $0.int64("run_id"), runs: try $0.text("baseline_runs"))
        }.map { decision in
            let runs = (try? StrictJSONDecoder().decode([BaselineReference.Run].self, from: Data(decision.runs.utf8)))
            return (run: decision.run, baselines: runs ?? [])
        }
        var going = Set(candidates.map(\.id))
        var kept: Set<Int64> = []
        while true {
            var changed = false
            for decision in references where !going.contains(decision.run) {
                for candidate in candidates where going.contains(candidate.id) {
                    let named = decision.baselines.contains {
                        $0.id == candidate.id
                            || candidate.uuid.map { uuid in $0.uuid.uuidString.lowercased() == uuid.lowercased() }
                                == true
                    }
                    if named {
                        going.remove(candidate.id)
                        kept.insert(candidate.id)
                        changed = true
                    }
                }
            }
            if !changed { return kept }
        }
    }
}
