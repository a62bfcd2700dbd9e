import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    package func recordDecision(
        _ decision: DecisionRecord, alerts: [AlertRecord], baselineFile: StoredBaselineFile?
    ) async throws -> Int64 {
        return try await write(durable: true) { session in
            let runID = decision.runID
            _ = try Self.lockRun(runID, session)
            if let baselineFile {
                try session.execute(
                    """
                    INSERT INTO baseline_files (sha256, content, stored_at)
                    VALUES (\(baselineFile.sha256), \(baselineFile.content),
                            \(PostgresTimestamp.parameter(decision.decidedAt)))
                    ON CONFLICT (sha256) DO NOTHING
                    """)
            }
            let decisionID = try Self.insertDecision(decision, runID: runID, session)
            // A one-off leaves the run's verdict, and so its alerts, as they are.
            guard decision.standing else { return decisionID }
            try session.execute("DELETE FROM alerts WHERE run_id = \(runID)")
            for alert in alerts {
                try Self.insertAlert(alert, runID: runID, decisionID: decisionID, session)
            }
            return decisionID
        }
    }

    static func insertDecision(_ decision: DecisionRecord, runID: Int64, _ session: PostgresSession) throws -> Int64 {
        let references = try decision.baseline.runsJSON()
        let row = try session.firstRow(
            """
            INSERT INTO decisions (run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, baseline_name,
                                   baseline_label, baseline_runs, document, missing_count, standing, baseline_sha256)
            VALUES (\(runID), \(PostgresTimestamp.parameter(decision.decidedAt)), \(decision.toolVersion),
                    \(decision.verdict.rawValue), \(Int64(decision.alertCount)), \(decision.baseline.kind),
                    \(decision.baseline.name), \(decision.baseline.label), \(references), \(decision.document),
                    \(Int64(decision.missingCount)), \(decision.standing), \(decision.baseline.sha256))
            RETURNING id
            """)
        guard let id = try row?.int64("id") else {
            throw PostgresValueError(column: "decisions.id", expected: "a new id")
        }
        return id
    }

    static func insertAlert(_ alert: AlertRecord, runID: Int64, decisionID: Int64?, _ session: PostgresSession) throws {
        try session.execute(
            """
            INSERT INTO alerts (run_id, decision_id, baseline_run_id, baseline_name, rule, metric, baseline_value,
                                current_value, change, moved_phase, message, created_at)
            VALUES (\(runID), \(decisionID), \(alert.baselineRunID), \(alert.baselineName), \(alert.rule), \(alert.metric.rawValue),
                    \(finite(alert.baselineValue)), \(finite(alert.currentValue)), \(finite(alert.change)), \(alert.movedPhase?.rawValue),
                    \(alert.message), \(PostgresTimestamp.parameter(alert.createdAt)))
            """)
    }

    /// PostgreSQL would keep NaN, SQLite turns it into NULL: both store NULL, so both read alike.
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
