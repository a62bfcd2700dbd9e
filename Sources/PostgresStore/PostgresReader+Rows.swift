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

    static func runRecord(_ row: PostgresRandomAccessRow) throws -> RunRecord {
        RunRecord(
            id: try row.int64("id"), uuid: try uuid(try row.text("uuid"), column: "runs.uuid"), testbed: try row.text("testbed"),
            startedAt: PostgresTimestamp.date(milliseconds: try row.int64("started_ms")),
            endedAt: try row.optionalInt64("ended_ms").map(PostgresTimestamp.date(milliseconds:)),
            status: try decode(RunStatus.self, try row.text("status"), column: "runs.status"), reason: try row.optionalText("reason"),
            suite: try row.text("suite"), label: try row.optionalText("label"), gitCommit: try row.optionalText("git_commit"),
            toolVersion: try row.text("tool_version"), configurationJSON: try row.text("configuration"),
            purpose: try decode(RunPurpose.self, try row.text("purpose"), column: "runs.purpose"),
            parentRunID: try row.optionalInt64("parent_run_id"), host: try row.text("host"),
            pid: Int32(truncatingIfNeeded: try row.value("pid", as: Int32.self)))
    }

    static func fetchRun(_ id: Int64, _ session: PostgresSession) throws -> RunRecord {
        guard let run = try session.firstRow("SELECT \(unescaped: runColumns) FROM runs WHERE id = \(id)").map(runRecord) else {
            throw StoreError.unknownRun(id: id)
        }
        return run
    }

    static let summaryColumns =
        "m.name AS metric, s.n AS n, s.mean AS mean, s.median AS median, s.min AS min, s.max AS max, s.stddev AS stddev, s.p95 AS p95"

    static func summary(_ row: PostgresRandomAccessRow) throws -> MetricSummary {
        MetricSummary(
            metric: MetricID(try row.text("metric")), n: try row.int("n"), mean: try row.double("mean"),
            median: try row.double("median"), min: try row.double("min"), max: try row.double("max"),
            stddev: try row.double("stddev"), p95: try row.double("p95"))
    }

    static let decisionColumns = """
        id, run_id, \(PostgresTimestamp.milliseconds("decided_at")) AS decided_ms, tool_version, verdict, alert_count, \
        baseline_kind, baseline_name, baseline_label, baseline_runs, document
        """

    static func decision(_ row: PostgresRandomAccessRow) throws -> DecisionRecord {
        guard let references = try? JSONDecoder().decode([BaselineReference.Run].self, from: Data(try row.text("baseline_runs").utf8)) else {
            throw PostgresValueError(column: "decisions.baseline_runs", expected: "a JSON list of runs")
        }
        return DecisionRecord(
            id: try row.int64("id"), runID: try row.int64("run_id"),
            decidedAt: PostgresTimestamp.date(milliseconds: try row.int64("decided_ms")), toolVersion: try row.text("tool_version"),
            passed: try row.text("verdict") == "passed", alertCount: try row.int("alert_count"),
            baseline: BaselineReference(
                kind: try row.text("baseline_kind"), name: try row.optionalText("baseline_name"),
                label: try row.optionalText("baseline_label"), runs: references),
            document: try row.text("document"))
    }

    static func uuid(_ text: String, column: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw PostgresValueError(column: column, expected: "a UUID") }
        return uuid
    }

    /// The column of `samples` that holds a phase.
    static func phaseColumn(_ phase: LifecyclePhase) -> String { "\(phase.rawValue)_s" }

    /// A stored enum value; the schema's CHECK constraints keep unknown ones out.
    static func decode<T: RawRepresentable>(_ type: T.Type, _ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw PostgresValueError(column: column, expected: "a known \(T.self)") }
        return value
    }
}
