import BenchModel
import Foundation
import ResultsStore

extension SQLResultsStore {
    package func recordDecision(
        _ decision: DecisionRecord, alerts: [AlertRecord], baselineFile: StoredBaselineFile?
    ) async throws -> Int64 {
        let references = try decision.baseline.runsJSON()
        return try await write(.durable) { connection in
            let runID = decision.runID
            _ = try SQLReader.run(runID, locked: true, connection)
            if let baselineFile {
                try connection.execute(
                    """
                    INSERT INTO baseline_files (sha256, content, stored_at)
                    VALUES (\(baselineFile.sha256), \(baselineFile.content), \(decision.decidedAt))
                    ON CONFLICT (sha256) DO NOTHING
                    """)
            }
            let decisionID = try connection.insertDecision(decision, references: references, runID: runID)
            // A one-off leaves the run's verdict, and so its alerts, as they are.
            guard decision.standing else { return decisionID }
            try connection.execute("DELETE FROM alerts WHERE run_id = \(runID)")
            for alert in alerts { try connection.insertAlert(alert, runID: runID, decisionID: decisionID) }
            return decisionID
        }
    }
}

extension SQLConnection {
    /// Stores a decision of the run `runID` (its baseline's runs as `references`, JSON), sealed
    /// (`DecisionSeal`) and chained after the run's latest decision (`DecisionChain`), and moves the
    /// run's head to it; returns its id. A run whose chain is broken gets no decision: appending
    /// would seal the gap as if sandbox-bench had made it.
    package func insertDecision(_ decision: DecisionRecord, references: String, runID: Int64) throws -> Int64 {
        var decision = decision
        decision.runID = runID
        let links = try checkDecisionChains(runs: [runID])[runID] ?? []
        let previous = DecisionChain.predecessor(after: links)
        let digest = DecisionSeal.digest(of: decision, after: previous)
        let id = try firstRow(
            """
            INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, baseline_name,
                                   baseline_label, baseline_runs, document, missing_count, standing, baseline_sha256,
                                   digest, previous_id, previous_digest)
            VALUES (\(runID), \(decision.decidedAt), \(decision.toolVersion), \(decision.verdict.rawValue),
                    \(decision.alertCount), \(decision.baseline.kind), \(decision.baseline.name),
                    \(decision.baseline.label), \(references), \(decision.document), \(decision.missingCount),
                    \(decision.standing), \(decision.baseline.sha256), \(digest), \(previous?.id), \(previous?.digest))
            RETURNING id
            """, { try $0.int64("id") })
        guard let id else { throw SQLStoreError(message: "a stored decision got no id") }
        let link = DecisionChain.Link(id: id, after: previous, digest: digest)
        try storeDecisionHead(run: runID, links: links + [link])
        return id
    }

    package func insertAlert(_ alert: AlertRecord, runID: Int64, decisionID: Int64?) throws {
        try execute(
            """
            INSERT INTO alerts (run_id, decision_id, baseline_run_id, baseline_name, rule, metric, baseline_value,
                                current_value, change, moved_phase, message, created_at)
            VALUES (\(runID), \(decisionID), \(alert.baselineRunID), \(alert.baselineName), \(alert.rule),
                    \(alert.metric.rawValue), \(Self.finite(alert.baselineValue)), \(Self.finite(alert.currentValue)),
                    \(Self.finite(alert.change)), \(alert.movedPhase?.rawValue), \(alert.message), \(alert.createdAt))
            """)
    }

    /// A figure that is not a finite number is stored as NULL: SQLite would turn NaN into NULL and
    /// PostgreSQL keep it, and both must read alike.
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
