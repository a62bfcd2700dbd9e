import Foundation
import ResultsStore

/// The chain of each run's decisions (`DecisionChain`) as the `decisions` and `runs` tables hold
/// it: read and checked before a run's decisions are believed or a decision is added, extended
/// in the transaction that stores a decision, and built once for the decisions a database held
/// before schema version 8.
extension SQLConnection {
    /// The links of the decisions of `runs`, each run's oldest first.
    package func decisionLinks(runs: [Int64]) throws -> [Int64: [DecisionChain.Link]] {
        guard !runs.isEmpty else { return [:] }
        let rows = try self.rows(
            """
            SELECT id, run_id, previous_id, previous_digest, digest FROM decisions
            WHERE \(.member("run_id", of: runs)) ORDER BY run_id, id
            """
        ) { row in
            (
                run: try row.int64("run_id"),
                link: DecisionChain.Link(
                    id: try row.int64("id"), previousID: try row.optionalInt64("previous_id"),
                    previousDigest: try row.optionalText("previous_digest"), digest: try row.optionalText("digest"))
            )
        }
        return Dictionary(grouping: rows, by: \.run).mapValues { $0.map(\.link) }
    }

    /// Checks the decision chains of `runs` against the heads the runs keep; a chain that is not
    /// the one sandbox-bench wrote is damage naming its run. Returns each run's links. Runs that
    /// do not exist are left to the caller.
    @discardableResult
    package func checkDecisionChains(runs: [Int64]) throws -> [Int64: [DecisionChain.Link]] {
        guard !runs.isEmpty else { return [:] }
        let links = try decisionLinks(runs: runs)
        _ = try rows("SELECT id, decision_count, decision_head FROM runs WHERE \(.member("id", of: runs))") { row in
            let run = try row.int64("id")
            let head = DecisionChain.Head(
                count: try row.int("decision_count"), digest: try row.optionalText("decision_head"))
            if let problem = DecisionChain.problem(run: run, head: head, links: links[run] ?? []) {
                throw row.invalid("run \(run)'s chain of decisions", expected: "what sandbox-bench wrote — \(problem)")
            }
        }
        return links
    }

    /// Stores `head` as the head of run `runID`'s decisions.
    package func storeDecisionHead(run runID: Int64, links: [DecisionChain.Link]) throws {
        let head = DecisionChain.head(run: runID, links: links)
        try execute(
            "UPDATE runs SET decision_count = \(head.count), decision_head = \(head.digest) WHERE id = \(runID)")
    }

    /// Chains the decisions a database held before schema version 8, each run's in the order of
    /// their ids, and gives every run its head: part of migration 8, in its transaction (SHA-256 is
    /// computed here, not in SQL, which SQLite cannot). What each decision holds is not checked or
    /// sealed anew: a decision changed before the migration stays refused after it.
    package func chainStoredDecisions() throws {
        let runs = try rows("SELECT id FROM runs ORDER BY id") { try $0.int64("id") }
        let stored = try rows("SELECT id, run_id, digest FROM decisions ORDER BY run_id, id") { row in
            (run: try row.int64("run_id"), id: try row.int64("id"), digest: try row.optionalText("digest"))
        }
        let byRun = Dictionary(grouping: stored, by: \.run)
        for run in runs {
            var links: [DecisionChain.Link] = []
            for decision in byRun[run] ?? [] {
                let previous = DecisionChain.predecessor(after: links)
                if let previous {
                    try execute(
                        """
                        UPDATE decisions SET previous_id = \(previous.id), previous_digest = \(previous.digest)
                        WHERE id = \(decision.id)
                        """)
                }
                links.append(DecisionChain.Link(id: decision.id, after: previous, digest: decision.digest))
            }
            try storeDecisionHead(run: run, links: links)
        }
    }
}
