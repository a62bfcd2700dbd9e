import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

/// The read queries of ``ResultsReader`` on one PostgreSQL connection, inside the snapshot
/// transaction ``PostgresResultsStore/read(_:)`` opened. Rows are read by column name.
struct PostgresReader: ResultsReader {
    let session: PostgresSession

    func run(_ id: Int64) throws -> RunRecord {
        try Self.fetchRun(id, session)
    }

    func runs(_ query: RunQuery) throws -> [RunRecord] {
        var statement = StatementBuilder()
        var conditions: [String] = []
        if let testbed = query.testbed { conditions.append("testbed = \(statement.bind(testbed))") }
        if let statuses = query.statuses {
            conditions.append("status = ANY(\(statement.bind(statuses.map(\.rawValue).sorted()))::text[])")
        }
        if let purposes = query.purposes {
            conditions.append("purpose = ANY(\(statement.bind(purposes.map(\.rawValue).sorted()))::text[])")
        }
        if let before = query.before {
            let started = statement.bind(PostgresTimestamp.parameter(before.startedAt))
            conditions.append(
                "(started_at < \(started) OR (started_at = \(started) AND id < \(statement.bind(before.id))))")
        }
        if let ids = query.ids {
            conditions.append("id BETWEEN \(statement.bind(ids.lowerBound)) AND \(statement.bind(ids.upperBound))")
        }
        if let since = query.since {
            conditions.append("started_at >= \(statement.bind(PostgresTimestamp.parameter(since)))")
        }
        if let parent = query.parent { conditions.append("parent_run_id = \(statement.bind(parent))") }
        if query.withoutAlerts { conditions.append("NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.run_id = runs.id)") }
        let direction = query.order == .newestFirst ? "DESC" : "ASC"
        let limit = query.limit.map { " LIMIT \(statement.bind(Int64($0)))" } ?? ""
        let sql = """
            SELECT \(Self.runColumns) FROM runs
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY started_at \(direction), id \(direction)\(limit)
            """
        return try session.rows(statement.query(sql)).map(Self.runRecord)
    }

    func samples(run runID: Int64, metric: MetricID?) throws -> [RecordedSample] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT sr.spec AS spec, m.name AS metric, s.iteration AS iteration, s.value AS value,
                   s.create_s AS create_s, s.start_s AS start_s, s.run_s AS run_s, s.logs_s AS logs_s, s.remove_s AS remove_s
            FROM samples s
            JOIN spec_results sr ON sr.id = s.spec_result_id
            JOIN metrics m ON m.id = s.metric_id
            WHERE sr.run_id = \(runID) AND (\(metric?.rawValue)::text IS NULL OR m.name = \(metric?.rawValue))
            ORDER BY sr.spec COLLATE "C", m.name COLLATE "C", s.iteration, s.id
            """
        ).map(RecordedSample.init(row:))
    }

    func samples(of metric: MetricID, runs: [Int64]) throws -> [Int64: [RecordedSample]] {
        guard !runs.isEmpty else { return [:] }
        let rows = try session.rows(
            """
            SELECT sr.run_id AS run_id, sr.spec AS spec, m.name AS metric, s.iteration AS iteration, s.value AS value,
                   s.create_s AS create_s, s.start_s AS start_s, s.run_s AS run_s, s.logs_s AS logs_s, s.remove_s AS remove_s
            FROM samples s
            JOIN spec_results sr ON sr.id = s.spec_result_id
            JOIN metrics m ON m.id = s.metric_id
            WHERE sr.run_id = ANY(\(runs)::int8[]) AND m.name = \(metric.rawValue)
            ORDER BY sr.run_id, sr.spec COLLATE "C", s.iteration, s.id
            """
        ).map { row in (try row.int64("run_id"), try RecordedSample(row: row)) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    func summaries(run runID: Int64) throws -> [MetricSummary] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT \(unescaped: Self.summaryColumns) FROM summaries s JOIN metrics m ON m.id = s.metric_id
            WHERE s.run_id = \(runID) ORDER BY m.name COLLATE "C"
            """
        ).map(MetricSummary.init(row:))
    }

    func summaries(of metric: MetricID, runs: [Int64]) throws -> [Int64: MetricSummary] {
        guard !runs.isEmpty else { return [:] }
        let rows = try session.rows(
            """
            SELECT s.run_id AS run_id, \(unescaped: Self.summaryColumns)
            FROM metrics m JOIN summaries s ON s.metric_id = m.id
            WHERE m.name = \(metric.rawValue) AND s.run_id = ANY(\(runs)::int8[])
            """
        ).map { row in (try row.int64("run_id"), try MetricSummary(row: row)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func specRecords(run runID: Int64) throws -> [SpecRecord] {
        _ = try run(runID)
        return try session.rows("SELECT spec, wall_s FROM spec_results WHERE run_id = \(runID) ORDER BY id").map(
            SpecRecord.init(row:))
    }

    func checks(run runID: Int64) throws -> [RecordedCheck] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT sr.spec AS spec, c.name AS name, c.passed AS passed, c.informational AS informational, c.detail AS detail
            FROM checks c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = \(runID) ORDER BY c.id
            """
        ).map(RecordedCheck.init(row:))
    }

    func failures(run runID: Int64) throws -> [RecordedFailure] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT sr.spec AS spec, f.metric AS metric, f.iteration AS iteration, f.reason AS reason, f.output AS output
            FROM failures f JOIN spec_results sr ON sr.id = f.spec_result_id
            WHERE sr.run_id = \(runID) ORDER BY f.id
            """
        ).map(RecordedFailure.init(row:))
    }

    func notes(run runID: Int64) throws -> [RecordedNote] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT sr.spec AS spec, n.text AS text FROM notes n JOIN spec_results sr ON sr.id = n.spec_result_id
            WHERE sr.run_id = \(runID) ORDER BY n.id
            """
        ).map(RecordedNote.init(row:))
    }

    func containers(run runID: Int64) throws -> [RecordedContainer] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT sr.spec AS spec, c.container_id AS container_id, c.iteration AS iteration, c.removed AS removed,
                   c.removal_error AS removal_error
            FROM containers c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = \(runID) ORDER BY c.id
            """
        ).map(RecordedContainer.init(row:))
    }

    func environment(run runID: Int64) throws -> EnvironmentFingerprint? {
        _ = try run(runID)
        return try session.firstRow("SELECT * FROM environments WHERE run_id = \(runID)").map(
            EnvironmentFingerprint.init(row:))
    }

    func run(uuid: UUID) throws -> RunRecord? {
        try session.firstRow(
            "SELECT \(unescaped: Self.runColumns) FROM runs WHERE uuid = \(uuid.uuidString.lowercased())"
        ).map(Self.runRecord)
    }

    func testbeds() throws -> [String] {
        try session.rows("SELECT testbed FROM runs GROUP BY testbed ORDER BY testbed COLLATE \"C\"").map {
            try $0.text("testbed")
        }
    }

    func baselines() throws -> [BaselineRecord] {
        try session.rows(
            """
            SELECT testbed, name, run_id, \(unescaped: PostgresTimestamp.milliseconds("created_at")) AS created_ms, note
            FROM baselines ORDER BY testbed COLLATE "C", name COLLATE "C"
            """
        ).map(BaselineRecord.init(row:))
    }

    func decisions(run runID: Int64) throws -> [DecisionRecord] {
        _ = try run(runID)
        return try session.rows(
            "SELECT \(unescaped: Self.decisionColumns) FROM decisions WHERE run_id = \(runID) ORDER BY id"
        ).map(Self.decision)
    }

    func latestDecisions(runs: [Int64]) throws -> [Int64: DecisionRecord] {
        guard !runs.isEmpty else { return [:] }
        let decisions = try session.rows(
            """
            SELECT \(unescaped: Self.decisionColumns) FROM decisions
            WHERE id IN (
                SELECT max(id) FROM decisions WHERE run_id = ANY(\(runs)::int8[]) AND standing GROUP BY run_id)
            """
        ).map(Self.decision)
        return Dictionary(decisions.map { ($0.runID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func baselineFile(sha256: String) throws -> StoredBaselineFile? {
        try session.firstRow("SELECT sha256, content FROM baseline_files WHERE sha256 = \(sha256)")
            .map(StoredBaselineFile.init(row:))
    }

    func alerts(run runID: Int64) throws -> [AlertRecord] {
        _ = try run(runID)
        return try session.rows(
            """
            SELECT baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change, moved_phase,
                   message, \(unescaped: PostgresTimestamp.milliseconds("created_at")) AS created_ms
            FROM alerts WHERE run_id = \(runID) ORDER BY id
            """
        ).map(AlertRecord.init(row:))
    }

    func alertCounts(runs: [Int64]) throws -> [Int64: Int] {
        guard !runs.isEmpty else { return [:] }
        let rows = try session.rows(
            "SELECT run_id, count(*) AS alerts FROM alerts WHERE run_id = ANY(\(runs)::int8[]) GROUP BY run_id"
        ).map { (try $0.int64("run_id"), try $0.int("alerts")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
