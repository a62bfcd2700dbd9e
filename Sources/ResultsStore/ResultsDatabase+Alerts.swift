import BenchModel
import Foundation

extension ResultsDatabase {
    /// Stores what the gate found in run `id`, replacing what an earlier gating of the same run
    /// stored. An empty list records "gated, no alert" by removing earlier alerts.
    public func replaceAlerts(_ alerts: [AlertRecord], for runID: Int64) throws {
        try write(durable: true) { connection in
            _ = try Self.fetchRun(runID, connection)
            try connection.execute("DELETE FROM alerts WHERE run_id = ?", [runID])
            for alert in alerts {
                try connection.execute(
                    """
                    INSERT INTO alerts (run_id, baseline_run_id, baseline_name, rule, metric, baseline_value, current_value,
                                        change, moved_phase, message, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Timestamp.fromParameter))
                    """,
                    [
                        runID, alert.baselineRunID, alert.baselineName, alert.rule, alert.metric.rawValue,
                        Self.finite(alert.baselineValue), Self.finite(alert.currentValue), Self.finite(alert.change),
                        alert.movedPhase?.rawValue, alert.message, Timestamp.parameter(alert.createdAt),
                    ])
            }
        }
    }

    /// The alerts of run `id`, in the order the gate reported them.
    public func alerts(run runID: Int64) throws -> [AlertRecord] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change, moved_phase,
                       message, \(Timestamp.milliseconds("created_at"))
                FROM alerts WHERE run_id = ? ORDER BY id
                """, [runID]
            ) { row in
                AlertRecord(
                    baselineRunID: row.optionalInt64(0), baselineName: row.optionalText(1), rule: row.text(2),
                    metric: MetricID(row.text(3)), baselineValue: row.optionalDouble(4), currentValue: row.optionalDouble(5),
                    change: row.optionalDouble(6), movedPhase: row.optionalText(7).flatMap(LifecyclePhase.init(rawValue:)),
                    message: row.text(8), createdAt: Timestamp.date(milliseconds: row.int64(9)))
            }
        }
    }

    /// NaN has no place in SQLite (it becomes NULL anyway); say so explicitly.
    private static func finite(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }
}
