import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    public func replaceAlerts(_ alerts: [AlertRecord], for runID: Int64) async throws {
        try await write(durable: true) { connection in
            _ = try SQLiteReader.fetchRun(runID, connection)
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

    /// NaN has no place in SQLite (it becomes NULL anyway); say so explicitly.
    private static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
