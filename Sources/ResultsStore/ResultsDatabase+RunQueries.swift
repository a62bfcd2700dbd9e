import BenchModel
import CSQLite
import Foundation

extension ResultsDatabase {
    /// The run with `id`; throws `StoreError.unknownRun` when there is none.
    public func run(_ id: Int64) throws -> RunRecord {
        try withConnection { try Self.fetchRun(id, $0) }
    }

    /// Runs newest first, optionally only those with one of `statuses` and `purposes`.
    public func runs(limit: Int? = nil, statuses: Set<RunStatus>? = nil, purposes: Set<RunPurpose>? = nil) throws -> [RunRecord] {
        try withConnection { connection in
            try connection.rows(
                """
                SELECT \(Self.runColumns) FROM runs
                WHERE (?1 IS NULL OR status IN (SELECT value FROM json_each(?1)))
                  AND (?2 IS NULL OR purpose IN (SELECT value FROM json_each(?2)))
                ORDER BY started_at DESC, id DESC
                LIMIT ?3
                """,
                [Self.jsonList(statuses?.map(\.rawValue)), Self.jsonList(purposes?.map(\.rawValue)), limit ?? -1],
                Self.runRecord)
        }
    }

    /// The runs an export covers, oldest first; throws `StoreError.unknownRun` for a single unknown run.
    public func runs(_ selection: RunSelection) throws -> [RunRecord] {
        try withConnection { connection in
            switch selection {
            case .run(let id):
                return [try Self.fetchRun(id, connection)]
            case .range(let from, let to):
                guard from <= to else { throw StoreError.invalidRange(from: from, to: to) }
                return try connection.rows(
                    "SELECT \(Self.runColumns) FROM runs WHERE id BETWEEN ? AND ? ORDER BY started_at, id", [from, to],
                    Self.runRecord)
            case .since(let date):
                return try connection.rows(
                    "SELECT \(Self.runColumns) FROM runs WHERE started_at >= \(Timestamp.fromParameter) ORDER BY started_at, id",
                    [Timestamp.parameter(date)], Self.runRecord)
            }
        }
    }

    /// The latest completed main run, or the latest one started before run `before`.
    public func latestCompletedRun(before runID: Int64? = nil) throws -> RunRecord? {
        try withConnection { connection in
            guard let runID else {
                return try connection.firstRow(
                    """
                    SELECT \(Self.runColumns) FROM runs WHERE purpose = 'main' AND status = 'completed'
                    ORDER BY started_at DESC, id DESC LIMIT 1
                    """, [], Self.runRecord)
            }
            let candidate = try Self.fetchRun(runID, connection)
            return try connection.firstRow(
                """
                SELECT \(Self.runColumns) FROM runs
                WHERE purpose = 'main' AND status = 'completed'
                  AND (started_at < \(Timestamp.fromParameter) OR (started_at = \(Timestamp.fromParameter) AND id < ?))
                ORDER BY started_at DESC, id DESC LIMIT 1
                """,
                [Timestamp.parameter(candidate.startedAt), Timestamp.parameter(candidate.startedAt), runID], Self.runRecord)
        }
    }

    /// The latest completed main run before run `before` that raised no alert. A run that was
    /// never gated has no alerts, so it qualifies. This is the gate's fallback baseline.
    public func latestCompletedRunWithoutAlerts(before runID: Int64) throws -> RunRecord? {
        try withConnection { connection in
            let candidate = try Self.fetchRun(runID, connection)
            return try connection.firstRow(
                """
                SELECT \(Self.runColumns) FROM runs
                WHERE purpose = 'main' AND status = 'completed'
                  AND (started_at < \(Timestamp.fromParameter) OR (started_at = \(Timestamp.fromParameter) AND id < ?))
                  AND NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.run_id = runs.id)
                ORDER BY started_at DESC, id DESC LIMIT 1
                """,
                [Timestamp.parameter(candidate.startedAt), Timestamp.parameter(candidate.startedAt), runID], Self.runRecord)
        }
    }

    /// The confirmation re-runs of run `id`, oldest first.
    public func confirmations(of runID: Int64) throws -> [RunRecord] {
        try withConnection { connection in
            try connection.rows(
                "SELECT \(Self.runColumns) FROM runs WHERE parent_run_id = ? ORDER BY started_at, id", [runID], Self.runRecord)
        }
    }

    /// Runs newest first with the median of each of `keyMetrics`, their alert count and baselines.
    public func overviews(
        limit: Int? = nil, statuses: Set<RunStatus>? = nil,
        keyMetrics: [MetricID] = [.creationTime, .parallelEfficiency]
    ) throws -> [RunOverview] {
        let runs = try runs(limit: limit, statuses: statuses)
        guard !runs.isEmpty else { return [] }
        return try read { connection in
            try runs.map { run in
                var figures: [String: Double] = [:]
                for metric in keyMetrics {
                    figures[metric.rawValue] = try connection.firstRow(
                        """
                        SELECT s.median FROM summaries s JOIN metrics m ON m.id = s.metric_id
                        WHERE m.name = ? AND s.run_id = ?
                        """, [metric.rawValue, run.id]
                    ) { $0.double(0) }
                }
                let alertCount = try connection.firstRow("SELECT count(*) FROM alerts WHERE run_id = ?", [run.id]) { $0.int(0) } ?? 0
                let baselines = try connection.rows("SELECT name FROM baselines WHERE run_id = ? ORDER BY name", [run.id]) { $0.text(0) }
                return RunOverview(run: run, keyFigures: figures, alertCount: alertCount, baselines: baselines)
            }
        }
    }

    // MARK: Shared by the queries

    static let runColumns = """
        id, \(Timestamp.milliseconds("started_at")), \(Timestamp.milliseconds("ended_at")), status, reason, suite, label, \
        git_commit, tool_version, configuration, purpose, parent_run_id, host, pid
        """

    static func runRecord(_ row: Row) throws -> RunRecord {
        RunRecord(
            id: row.int64(0), startedAt: Timestamp.date(milliseconds: row.int64(1)),
            endedAt: row.optionalInt64(2).map(Timestamp.date(milliseconds:)),
            status: try decode(RunStatus.self, row.text(3), column: "runs.status"), reason: row.optionalText(4),
            suite: row.text(5), label: row.optionalText(6), gitCommit: row.optionalText(7), toolVersion: row.text(8),
            configurationJSON: row.text(9), purpose: try decode(RunPurpose.self, row.text(10), column: "runs.purpose"),
            parentRunID: row.optionalInt64(11), host: row.text(12), pid: Int32(truncatingIfNeeded: row.int64(13)))
    }

    static func fetchRun(_ id: Int64, _ connection: SQLiteConnection) throws -> RunRecord {
        guard let run = try connection.firstRow("SELECT \(runColumns) FROM runs WHERE id = ?", [id], runRecord) else {
            throw StoreError.unknownRun(id: id)
        }
        return run
    }

    /// A stored enum value; the schema's CHECK constraints keep unknown ones out.
    static func decode<T: RawRepresentable>(_ type: T.Type, _ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(column) holds the unknown value '\(text)'", sql: nil)
        }
        return value
    }

    /// A JSON array for `json_each`, or nil for "no filter".
    static func jsonList(_ values: [String]?) -> String? {
        guard let values else { return nil }
        let data = (try? JSONEncoder().encode(values.sorted())) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
