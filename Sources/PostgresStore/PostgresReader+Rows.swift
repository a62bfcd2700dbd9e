import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

/// The columns and row readers shared by the queries and the writes.
extension PostgresReader {
    static let runColumns = """
        id, uuid, testbed, \(PostgresTimestamp.milliseconds("started_at")) AS started_ms, \
        \(PostgresTimestamp.milliseconds("ended_at")) AS ended_ms, status, reason, suite, label, git_commit, tool_version, \
        configuration, purpose, parent_run_id, host, pid
        """

    static func runRecord(_ row: PostgresStoredRow) throws -> RunRecord { try RunRecord(row: row) }

    static func fetchRun(_ id: Int64, _ session: PostgresSession) throws -> RunRecord {
        guard
            let run = try session.firstRow("SELECT \(unescaped: runColumns) FROM runs WHERE id = \(id)").map(runRecord)
        else {
            throw StoreError.unknownRun(id: id)
        }
        return run
    }

    static let summaryColumns = StoredColumns.summary

    static let decisionColumns = """
        id, run_id, \(PostgresTimestamp.milliseconds("decided_at")) AS decided_ms, tool_version, verdict, alert_count, \
        missing_count, standing, baseline_kind, baseline_name, baseline_label, baseline_runs, baseline_sha256, document
        """

    static func decision(_ row: PostgresStoredRow) throws -> DecisionRecord { try DecisionRecord(row: row) }

    /// The column of `samples` that holds a phase.
    static func phaseColumn(_ phase: LifecyclePhase) -> String { StoredColumns.phase(phase) }
}
