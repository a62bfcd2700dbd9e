import BenchModel
import CSQLite
import Foundation
import ResultsStore

/// The read queries of ``ResultsReader`` on one SQLite connection, inside the read transaction
/// ``SQLiteResultsStore/read(_:)`` opened. Rows are read by column name.
struct SQLiteReader: ResultsReader {
    let connection: SQLiteConnection

    func run(_ id: Int64) throws -> RunRecord {
        try Self.fetchRun(id, connection)
    }

    func runs(_ query: RunQuery) throws -> [RunRecord] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let testbed = query.testbed {
            conditions.append("testbed = ?")
            arguments.append(testbed)
        }
        if let statuses = query.statuses {
            conditions.append("status IN (SELECT value FROM json_each(?))")
            arguments.append(Self.jsonList(statuses.map(\.rawValue)))
        }
        if let purposes = query.purposes {
            conditions.append("purpose IN (SELECT value FROM json_each(?))")
            arguments.append(Self.jsonList(purposes.map(\.rawValue)))
        }
        if let before = query.before {
            conditions.append(
                "(started_at < \(Timestamp.fromParameter) OR (started_at = \(Timestamp.fromParameter) AND id < ?))")
            arguments += [Timestamp.parameter(before.startedAt), Timestamp.parameter(before.startedAt), before.id]
        }
        if let ids = query.ids {
            conditions.append("id BETWEEN ? AND ?")
            arguments += [ids.lowerBound, ids.upperBound]
        }
        if let since = query.since {
            conditions.append("started_at >= \(Timestamp.fromParameter)")
            arguments.append(Timestamp.parameter(since))
        }
        if let parent = query.parent {
            conditions.append("parent_run_id = ?")
            arguments.append(parent)
        }
        if query.withoutAlerts {
            conditions.append("NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.run_id = runs.id)")
        }
        let direction = query.order == .newestFirst ? "DESC" : "ASC"
        let sql = """
            SELECT \(Self.runColumns) FROM runs
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY started_at \(direction), id \(direction) LIMIT ?
            """
        return try connection.rows(sql, arguments + [query.limit ?? -1], Self.runRecord)
    }

    func samples(run runID: Int64, metric: MetricID?) throws -> [RecordedSample] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, m.name AS metric, s.iteration AS iteration, s.value AS value,
                   s.create_s AS create_s, s.start_s AS start_s, s.run_s AS run_s, s.logs_s AS logs_s, s.remove_s AS remove_s
            FROM samples s
            JOIN spec_results sr ON sr.id = s.spec_result_id
            JOIN metrics m ON m.id = s.metric_id
            WHERE sr.run_id = ?1 AND (?2 IS NULL OR m.name = ?2)
            ORDER BY sr.spec, m.name, s.iteration, s.id
            """, [runID, metric?.rawValue], RecordedSample.init(row:))
    }

    func summaries(run runID: Int64) throws -> [MetricSummary] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT \(Self.summaryColumns) FROM summaries s JOIN metrics m ON m.id = s.metric_id
            WHERE s.run_id = ? ORDER BY m.name
            """, [runID], MetricSummary.init(row:))
    }

    func summaries(of metric: MetricID, runs: [Int64]) throws -> [Int64: MetricSummary] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            """
            SELECT s.run_id AS run_id, \(Self.summaryColumns)
            FROM metrics m JOIN summaries s ON s.metric_id = m.id
            WHERE m.name = ? AND s.run_id IN (SELECT value FROM json_each(?))
            """, [metric.rawValue, Self.jsonIntegers(runs)]
        ) { row in (try row.int64("run_id"), try MetricSummary(row: row)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func specRecords(run runID: Int64) throws -> [SpecRecord] {
        _ = try run(runID)
        return try connection.rows(
            "SELECT spec, wall_s FROM spec_results WHERE run_id = ? ORDER BY id", [runID], SpecRecord.init(row:))
    }

    func checks(run runID: Int64) throws -> [RecordedCheck] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, c.name AS name, c.passed AS passed, c.informational AS informational, c.detail AS detail
            FROM checks c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = ? ORDER BY c.id
            """, [runID], RecordedCheck.init(row:))
    }

    func failures(run runID: Int64) throws -> [RecordedFailure] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, f.metric AS metric, f.iteration AS iteration, f.reason AS reason, f.output AS output
            FROM failures f JOIN spec_results sr ON sr.id = f.spec_result_id
            WHERE sr.run_id = ? ORDER BY f.id
            """, [runID], RecordedFailure.init(row:))
    }

    func notes(run runID: Int64) throws -> [RecordedNote] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, n.text AS text FROM notes n JOIN spec_results sr ON sr.id = n.spec_result_id
            WHERE sr.run_id = ? ORDER BY n.id
            """, [runID], RecordedNote.init(row:))
    }

    func containers(run runID: Int64) throws -> [RecordedContainer] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, c.container_id AS container_id, c.iteration AS iteration, c.removed AS removed,
                   c.removal_error AS removal_error
            FROM containers c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = ? ORDER BY c.id
            """, [runID], RecordedContainer.init(row:))
    }

    func environment(run runID: Int64) throws -> EnvironmentFingerprint? {
        _ = try run(runID)
        return try connection.firstRow(
            "SELECT * FROM environments WHERE run_id = ?", [runID], EnvironmentFingerprint.init(row:))
    }

    func run(uuid: UUID) throws -> RunRecord? {
        try connection.firstRow(
            "SELECT \(Self.runColumns) FROM runs WHERE uuid = ?", [uuid.uuidString.lowercased()], Self.runRecord)
    }

    func testbeds() throws -> [String] {
        try connection.rows("SELECT DISTINCT testbed FROM runs ORDER BY testbed") { try $0.text("testbed") }
    }

    func baselines() throws -> [BaselineRecord] {
        try connection.rows(
            """
            SELECT testbed, name, run_id, \(Timestamp.milliseconds("created_at")) AS created_ms, note
            FROM baselines ORDER BY testbed, name
            """, [], BaselineRecord.init(row:))
    }

    func decisions(run runID: Int64) throws -> [DecisionRecord] {
        _ = try run(runID)
        return try connection.rows(
            "SELECT \(Self.decisionColumns) FROM decisions WHERE run_id = ? ORDER BY id", [runID], Self.decision)
    }

    func latestDecisions(runs: [Int64]) throws -> [Int64: DecisionRecord] {
        guard !runs.isEmpty else { return [:] }
        let decisions = try connection.rows(
            """
            SELECT \(Self.decisionColumns) FROM decisions
            WHERE id IN (
                SELECT max(id) FROM decisions WHERE run_id IN (SELECT value FROM json_each(?)) AND standing = 1
                GROUP BY run_id)
            """, [Self.jsonIntegers(runs)], Self.decision)
        return Dictionary(decisions.map { ($0.runID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func baselineFile(sha256: String) throws -> StoredBaselineFile? {
        try connection.firstRow(
            "SELECT sha256, content FROM baseline_files WHERE sha256 = ?", [sha256], StoredBaselineFile.init(row:))
    }

    func alerts(run runID: Int64) throws -> [AlertRecord] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change, moved_phase,
                   message, \(Timestamp.milliseconds("created_at")) AS created_ms
            FROM alerts WHERE run_id = ? ORDER BY id
            """, [runID], AlertRecord.init(row:))
    }

    func alertCounts(runs: [Int64]) throws -> [Int64: Int] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            """
            SELECT run_id, count(*) AS alerts FROM alerts
            WHERE run_id IN (SELECT value FROM json_each(?)) GROUP BY run_id
            """, [Self.jsonIntegers(runs)]
        ) { (try $0.int64("run_id"), try $0.int("alerts")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Shared by the queries and the writes

    static let runColumns = """
        id, uuid, testbed, \(Timestamp.milliseconds("started_at")) AS started_ms, \(Timestamp.milliseconds("ended_at")) AS ended_ms, status, \
        reason, suite, label, git_commit, tool_version, configuration, purpose, parent_run_id, host, pid
        """

    static func runRecord(_ row: Row) throws -> RunRecord { try RunRecord(row: row) }

    static func fetchRun(_ id: Int64, _ connection: SQLiteConnection) throws -> RunRecord {
        guard let run = try connection.firstRow("SELECT \(runColumns) FROM runs WHERE id = ?", [id], runRecord) else {
            throw StoreError.unknownRun(id: id)
        }
        return run
    }

    static let summaryColumns = StoredColumns.summary

    static let decisionColumns = """
        id, run_id, \(Timestamp.milliseconds("decided_at")) AS decided_ms, tool_version, verdict, alert_count, \
        missing_count, standing, baseline_kind, baseline_name, baseline_label, baseline_runs, baseline_sha256, document
        """

    static func decision(_ row: Row) throws -> DecisionRecord { try DecisionRecord(row: row) }

    /// The column of `samples` that holds a phase.
    static func phaseColumn(_ phase: LifecyclePhase) -> String { StoredColumns.phase(phase) }

    /// A JSON array of numbers for `json_each`, whose values then compare as integers.
    static func jsonIntegers(_ values: [Int64]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON array of strings for `json_each`.
    static func jsonList(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values.sorted())) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension Row: StoredRow {
    /// SQLITE_CORRUPT, so that the store reports a value it cannot read as damage, as PostgreSQL's does.
    func invalid(_ column: String, expected: String) -> any Error {
        DatabaseError(extendedResultCode: SQLITE_CORRUPT, message: "\(column) does not hold \(expected)", sql: nil)
    }
}
