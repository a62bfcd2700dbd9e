import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    package func recordDecision(
        _ decision: DecisionRecord, alerts: [AlertRecord], baselineFile: StoredBaselineFile?
    ) async throws -> Int64 {
        return try await write(durable: true) { connection in
            let runID = decision.runID
            _ = try SQLiteReader.fetchRun(runID, connection)
            if let baselineFile {
                try connection.execute(
                    """
                    INSERT INTO baseline_files (sha256, content, stored_at) VALUES (?, ?, \(Timestamp.fromParameter))
                    ON CONFLICT (sha256) DO NOTHING
                    """, [baselineFile.sha256, baselineFile.content, Timestamp.parameter(decision.decidedAt)])
            }
            let decisionID = try Self.insertDecision(decision, runID: runID, connection)
            // A one-off leaves the run's verdict, and so its alerts, as they are.
            guard decision.standing else { return decisionID }
            try connection.execute("DELETE FROM alerts WHERE run_id = ?", [runID])
            for alert in alerts {
                try Self.insertAlert(alert, runID: runID, decisionID: decisionID, connection)
            }
            return decisionID
        }
    }

    static func insertDecision(_ decision: DecisionRecord, runID: Int64, _ connection: SQLiteConnection) throws -> Int64
    {
        let references = try decision.baseline.runsJSON()
        try connection.execute(
            """
            INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, baseline_name,
                                   baseline_label, baseline_runs, document, missing_count, standing, baseline_sha256)
            VALUES (?, \(Timestamp.fromParameter), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                runID, Timestamp.parameter(decision.decidedAt), decision.toolVersion, decision.verdict.rawValue,
                decision.alertCount, decision.baseline.kind, decision.baseline.name, decision.baseline.label,
                references,
                decision.document, decision.missingCount, decision.standing, decision.baseline.sha256,
            ])
        return connection.lastInsertedRowID
    }

    static func insertAlert(_ alert: AlertRecord, runID: Int64, decisionID: Int64?, _ connection: SQLiteConnection)
        throws
    {
        try connection.execute(
            """
            INSERT INTO alerts (run_id, decision_id, baseline_run_id, baseline_name, rule, metric, baseline_value,
                                current_value, change, moved_phase, message, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Timestamp.fromParameter))
            """,
            [
                runID, decisionID, alert.baselineRunID, alert.baselineName, alert.rule, alert.metric.rawValue,
                finite(alert.baselineValue), finite(alert.currentValue), finite(alert.change),
                alert.movedPhase?.rawValue,
                alert.message, Timestamp.parameter(alert.createdAt),
            ])
    }

    /// NaN has no place in SQLite (it becomes NULL anyway); say so explicitly.
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
