import BenchModel
import Foundation
import ResultsStore

/// The queries of ``ResultsReader``, written once for every database, on the connection of the
/// snapshot ``SQLDatabase/read(_:)`` opened. Rows become records in `StoredRow+Records.swift`.
package struct SQLReader<Connection: SQLConnection>: ResultsReader {
    package let connection: Connection

    package init(_ connection: Connection) {
        self.connection = connection
    }

    package func run(_ id: Int64) throws -> RunRecord {
        try Self.run(id, locked: false, connection)
    }

    /// The run with `id`; with `locked`, its row stays locked until the transaction ends, so that
    /// a run's status is checked and changed by one writer at a time.
    package static func run(_ id: Int64, locked: Bool, _ connection: Connection) throws -> RunRecord {
        let lock: SQL = locked ? " \(.rowLock)" : ""
        guard
            let run = try connection.firstRow(
                "SELECT \(StoredColumns.run) FROM runs WHERE id = \(id)\(lock)", RunRecord.init(row:))
        else { throw StoreError.unknownRun(id: id) }
        return run
    }

    package func runs(_ query: RunQuery) throws -> [RunRecord] {
        var conditions: [SQL] = []
        if let testbed = query.testbed { conditions.append("testbed = \(testbed)") }
        if let statuses = query.statuses { conditions.append("\(.member("status", of: statuses.map(\.rawValue)))") }
        if let purposes = query.purposes { conditions.append("\(.member("purpose", of: purposes.map(\.rawValue)))") }
        if let before = query.before {
            conditions.append(
                "(started_at < \(before.startedAt) OR (started_at = \(before.startedAt) AND id < \(before.id)))")
        }
        if let ids = query.ids { conditions.append("id BETWEEN \(ids.lowerBound) AND \(ids.upperBound)") }
        if let since = query.since { conditions.append("started_at >= \(since)") }
        if let parent = query.parent { conditions.append("parent_run_id = \(parent)") }
        if query.withoutAlerts { conditions.append("NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.run_id = runs.id)") }
        let direction = SQL(verbatim: query.order == .newestFirst ? "DESC" : "ASC")
        let limit: SQL = query.limit.map { " LIMIT \($0)" } ?? ""
        return try connection.rows(
            """
            SELECT \(StoredColumns.run) FROM runs\(Self.whereClause(conditions))
            ORDER BY started_at \(direction), id \(direction)\(limit)
            """, RunRecord.init(row:))
    }

    package func samples(run runID: Int64, metric: MetricID?) throws -> [RecordedSample] {
        _ = try run(runID)
        let oneMetric: SQL = metric.map { " AND m.name = \($0.rawValue)" } ?? ""
        return try connection.rows(
            """
            SELECT \(StoredColumns.sample)
            FROM samples s JOIN spec_results sr ON sr.id = s.spec_result_id JOIN metrics m ON m.id = s.metric_id
            WHERE sr.run_id = \(runID)\(oneMetric)
            ORDER BY \(.byteOrder("sr.spec")), \(.byteOrder("m.name")), s.iteration, s.id
            """, RecordedSample.init(row:))
    }

    /// One query for every run: a history's samples cost one round trip, not one per run.
    package func samples(of metric: MetricID, runs: [Int64]) throws -> [Int64: [RecordedSample]] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            """
            SELECT sr.run_id AS run_id, \(StoredColumns.sample)
            FROM samples s JOIN spec_results sr ON sr.id = s.spec_result_id JOIN metrics m ON m.id = s.metric_id
            WHERE \(.member("sr.run_id", of: runs)) AND m.name = \(metric.rawValue)
            ORDER BY sr.run_id, \(.byteOrder("sr.spec")), s.iteration, s.id
            """
        ) { row in (try row.int64("run_id"), try RecordedSample(row: row)) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    package func summaries(run runID: Int64) throws -> [MetricSummary] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT \(StoredColumns.summary) FROM summaries s JOIN metrics m ON m.id = s.metric_id
            WHERE s.run_id = \(runID) ORDER BY \(.byteOrder("m.name"))
            """, MetricSummary.init(row:))
    }

    package func summaries(of metric: MetricID, runs: [Int64]) throws -> [Int64: MetricSummary] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            """
            SELECT s.run_id AS run_id, \(StoredColumns.summary)
            FROM metrics m JOIN summaries s ON s.metric_id = m.id
            WHERE m.name = \(metric.rawValue) AND \(.member("s.run_id", of: runs))
            """
        ) { row in (try row.int64("run_id"), try MetricSummary(row: row)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    package func specRecords(run runID: Int64) throws -> [SpecRecord] {
        _ = try run(runID)
        return try connection.rows(
            "SELECT spec, wall_s FROM spec_results WHERE run_id = \(runID) ORDER BY id", SpecRecord.init(row:))
    }

    package func checks(run runID: Int64) throws -> [RecordedCheck] {
        try ofSpecs(
            runID, "c.name AS name, c.passed AS passed, c.informational AS informational, c.detail AS detail",
            from: "checks c", RecordedCheck.init(row:))
    }

    package func failures(run runID: Int64) throws -> [RecordedFailure] {
        try ofSpecs(
            runID, "f.metric AS metric, f.iteration AS iteration, f.reason AS reason, f.output AS output",
            from: "failures f", RecordedFailure.init(row:))
    }

    package func notes(run runID: Int64) throws -> [RecordedNote] {
        try ofSpecs(runID, "n.text AS text", from: "notes n", RecordedNote.init(row:))
    }

    package func containers(run runID: Int64) throws -> [RecordedContainer] {
        try ofSpecs(
            runID,
            "c.container_id AS container_id, c.iteration AS iteration, c.removed AS removed, "
                + "c.removal_error AS removal_error",
            from: "containers c", RecordedContainer.init(row:))
    }

    /// The rows of a table that belongs to a run's specs (aliased as its first letter), each with
    /// its spec, in the order they were stored.
    private func ofSpecs<T>(
        _ runID: Int64, _ columns: String, from table: String, _ record: (Connection.Row) throws -> T
    ) throws -> [T] {
        _ = try run(runID)
        let alias = SQL(verbatim: String(table.split(separator: " ").last ?? ""))
        return try connection.rows(
            """
            SELECT sr.spec AS spec, \(SQL(verbatim: columns))
            FROM \(SQL(verbatim: table)) JOIN spec_results sr ON sr.id = \(alias).spec_result_id
            WHERE sr.run_id = \(runID) ORDER BY \(alias).id
            """, record)
    }

    package func environment(run runID: Int64) throws -> EnvironmentFingerprint? {
        _ = try run(runID)
        return try connection.firstRow(
            "SELECT * FROM environments WHERE run_id = \(runID)", EnvironmentFingerprint.init(row:))
    }

    package func run(uuid: UUID) throws -> RunRecord? {
        try connection.firstRow("SELECT \(StoredColumns.run) FROM runs WHERE uuid = \(uuid)", RunRecord.init(row:))
    }

    package func testbeds() throws -> [String] {
        try connection.rows("SELECT testbed FROM runs GROUP BY testbed ORDER BY \(.byteOrder("testbed"))") {
            try $0.text("testbed")
        }
    }

    package func baselines() throws -> [BaselineRecord] {
        try connection.rows(
            "SELECT \(StoredColumns.baseline) FROM baselines ORDER BY \(.byteOrder("testbed")), \(.byteOrder("name"))",
            BaselineRecord.init(row:))
    }

    /// Each decision read is checked against its seal, and the run's chain against its head
    /// (`DecisionChain`): a decision deleted or moved is damage, as an edited one is.
    package func decisions(run runID: Int64) throws -> [DecisionRecord] {
        _ = try run(runID)
        try connection.checkDecisionChains(runs: [runID])
        return try connection.rows(
            "SELECT \(StoredColumns.decision) FROM decisions WHERE run_id = \(runID) ORDER BY id",
            DecisionRecord.init(row:))
    }

    package func latestDecisions(runs: [Int64]) throws -> [Int64: DecisionRecord] {
        guard !runs.isEmpty else { return [:] }
        // A run whose decisions were all deleted would read as not gated: its head says otherwise.
        try connection.checkDecisionChains(runs: runs)
        let decisions = try connection.rows(
            """
            SELECT \(StoredColumns.decision) FROM decisions
            WHERE id IN (
                SELECT max(id) FROM decisions WHERE \(.member("run_id", of: runs)) AND standing = \(true)
                GROUP BY run_id)
            """, DecisionRecord.init(row:))
        return Dictionary(decisions.map { ($0.runID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func baselineFile(sha256: String) throws -> StoredBaselineFile? {
        try connection.firstRow(
            "SELECT sha256, content FROM baseline_files WHERE sha256 = \(sha256)", StoredBaselineFile.init(row:))
    }

    package func alerts(run runID: Int64) throws -> [AlertRecord] {
        _ = try run(runID)
        return try connection.rows(
            "SELECT \(StoredColumns.alert) FROM alerts WHERE run_id = \(runID) ORDER BY id", AlertRecord.init(row:))
    }

    package func checkDecisionChains(runs: [Int64]) throws {
        guard !runs.isEmpty else { return }
        try connection.checkDecisionChains(runs: runs)
    }

    package func alertCounts(runs: [Int64]) throws -> [Int64: Int] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            "SELECT run_id, count(*) AS alerts FROM alerts WHERE \(.member("run_id", of: runs)) GROUP BY run_id"
        ) { (try $0.int64("run_id"), try $0.int("alerts")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    static func whereClause(_ conditions: [SQL]) -> SQL {
        conditions.isEmpty ? "" : " WHERE " + SQL.joined(conditions, separator: " AND ")
    }
}
