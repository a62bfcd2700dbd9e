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
            conditions.append("(started_at < \(Timestamp.fromParameter) OR (started_at = \(Timestamp.fromParameter) AND id < ?))")
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
            """, [runID, metric?.rawValue]
        ) { row in
            var phases = PhaseTimings()
            for phase in LifecyclePhase.allCases {
                phases[phase] = try row.optionalDouble(Self.phaseColumn(phase))
            }
            let sample = Sample(
                metric: MetricID(try row.text("metric")), iteration: try row.int("iteration"), value: try row.double("value"),
                phases: phases.isEmpty ? nil : phases)
            return RecordedSample(spec: try row.text("spec"), sample: sample)
        }
    }

    func summaries(run runID: Int64) throws -> [MetricSummary] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT \(Self.summaryColumns) FROM summaries s JOIN metrics m ON m.id = s.metric_id
            WHERE s.run_id = ? ORDER BY m.name
            """, [runID], Self.summary)
    }

    func summaries(of metric: MetricID, runs: [Int64]) throws -> [Int64: MetricSummary] {
        guard !runs.isEmpty else { return [:] }
        let rows = try connection.rows(
            """
            SELECT s.run_id AS run_id, \(Self.summaryColumns)
            FROM metrics m JOIN summaries s ON s.metric_id = m.id
            WHERE m.name = ? AND s.run_id IN (SELECT value FROM json_each(?))
            """, [metric.rawValue, Self.jsonIntegers(runs)]
        ) { row in (try row.int64("run_id"), try Self.summary(row)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func specRecords(run runID: Int64) throws -> [SpecRecord] {
        _ = try run(runID)
        return try connection.rows("SELECT spec, wall_s FROM spec_results WHERE run_id = ? ORDER BY id", [runID]) { row in
            SpecRecord(spec: try row.text("spec"), wallSeconds: try row.double("wall_s"))
        }
    }

    func checks(run runID: Int64) throws -> [RecordedCheck] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, c.name AS name, c.passed AS passed, c.informational AS informational, c.detail AS detail
            FROM checks c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = ? ORDER BY c.id
            """, [runID]
        ) { row in
            RecordedCheck(
                spec: try row.text("spec"),
                check: CheckResult(
                    name: try row.text("name"), passed: try row.bool("passed"), informational: try row.bool("informational"),
                    detail: try row.text("detail")))
        }
    }

    func failures(run runID: Int64) throws -> [RecordedFailure] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, f.metric AS metric, f.iteration AS iteration, f.reason AS reason, f.output AS output
            FROM failures f JOIN spec_results sr ON sr.id = f.spec_result_id
            WHERE sr.run_id = ? ORDER BY f.id
            """, [runID]
        ) { row in
            RecordedFailure(
                spec: try row.text("spec"),
                failure: SampleFailure(
                    metric: try row.optionalText("metric").map(MetricID.init(rawValue:)), iteration: try row.int("iteration"),
                    reason: try row.text("reason"), output: try row.text("output")))
        }
    }

    func notes(run runID: Int64) throws -> [RecordedNote] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, n.text AS text FROM notes n JOIN spec_results sr ON sr.id = n.spec_result_id
            WHERE sr.run_id = ? ORDER BY n.id
            """, [runID]
        ) { RecordedNote(spec: try $0.text("spec"), text: try $0.text("text")) }
    }

    func containers(run runID: Int64) throws -> [RecordedContainer] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT sr.spec AS spec, c.container_id AS container_id, c.iteration AS iteration, c.removed AS removed,
                   c.removal_error AS removal_error
            FROM containers c JOIN spec_results sr ON sr.id = c.spec_result_id
            WHERE sr.run_id = ? ORDER BY c.id
            """, [runID]
        ) { row in
            RecordedContainer(
                spec: try row.text("spec"),
                container: ContainerRecord(
                    id: try row.text("container_id"), iteration: try row.int("iteration"), removed: try row.bool("removed"),
                    removalError: try row.optionalText("removal_error")))
        }
    }

    func environment(run runID: Int64) throws -> EnvironmentFingerprint? {
        _ = try run(runID)
        return try connection.firstRow("SELECT * FROM environments WHERE run_id = ?", [runID]) { row in
            EnvironmentFingerprint(
                host: try row.text("host"), cpuModel: try row.text("cpu_model"), cpuCount: try row.int("cpu_count"),
                memoryBytes: try row.int64("memory_bytes"), kernel: try row.text("kernel"), os: try row.text("os"),
                dockerVersion: try row.text("docker_version"), apiVersion: try row.text("api_version"),
                containerdVersion: try row.text("containerd_version"), runcVersion: try row.text("runc_version"),
                storageDriver: try row.text("storage_driver"), cgroupVersion: try row.text("cgroup_version"),
                defaultRuntime: try row.text("default_runtime"), imageID: try row.text("image_id"),
                seccompProfileHash: try row.text("seccomp_profile_hash"))
        }
    }

    func run(uuid: UUID) throws -> RunRecord? {
        try connection.firstRow("SELECT \(Self.runColumns) FROM runs WHERE uuid = ?", [uuid.uuidString.lowercased()], Self.runRecord)
    }

    func testbeds() throws -> [String] {
        try connection.rows("SELECT DISTINCT testbed FROM runs ORDER BY testbed") { try $0.text("testbed") }
    }

    func baselines() throws -> [BaselineRecord] {
        try connection.rows(
            """
            SELECT testbed, name, run_id, \(Timestamp.milliseconds("created_at")) AS created_ms, note
            FROM baselines ORDER BY testbed, name
            """
        ) { row in
            BaselineRecord(
                testbed: try row.text("testbed"), name: try row.text("name"), runID: try row.int64("run_id"),
                createdAt: Timestamp.date(milliseconds: try row.int64("created_ms")), note: try row.optionalText("note"))
        }
    }

    func decisions(run runID: Int64) throws -> [DecisionRecord] {
        _ = try run(runID)
        return try connection.rows("SELECT \(Self.decisionColumns) FROM decisions WHERE run_id = ? ORDER BY id", [runID], Self.decision)
    }

    func latestDecisions(runs: [Int64]) throws -> [Int64: DecisionRecord] {
        guard !runs.isEmpty else { return [:] }
        let decisions = try connection.rows(
            """
            SELECT \(Self.decisionColumns) FROM decisions
            WHERE id IN (SELECT max(id) FROM decisions WHERE run_id IN (SELECT value FROM json_each(?)) GROUP BY run_id)
            """, [Self.jsonIntegers(runs)], Self.decision)
        return Dictionary(decisions.map { ($0.runID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func alerts(run runID: Int64) throws -> [AlertRecord] {
        _ = try run(runID)
        return try connection.rows(
            """
            SELECT baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change, moved_phase,
                   message, \(Timestamp.milliseconds("created_at")) AS created_ms
            FROM alerts WHERE run_id = ? ORDER BY id
            """, [runID]
        ) { row in
            AlertRecord(
                baselineRunID: try row.optionalInt64("baseline_run_id"), baselineName: try row.optionalText("baseline_name"),
                rule: try row.text("rule"), metric: MetricID(try row.text("metric")),
                baselineValue: try row.optionalDouble("baseline_value"), currentValue: try row.optionalDouble("current_value"),
                change: try row.optionalDouble("change"),
                movedPhase: try row.optionalText("moved_phase").flatMap(LifecyclePhase.init(rawValue:)),
                message: try row.text("message"), createdAt: Timestamp.date(milliseconds: try row.int64("created_ms")))
        }
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

    static func runRecord(_ row: Row) throws -> RunRecord {
        RunRecord(
            id: try row.int64("id"), uuid: try uuid(try row.text("uuid"), column: "runs.uuid"), testbed: try row.text("testbed"),
            startedAt: Timestamp.date(milliseconds: try row.int64("started_ms")),
            endedAt: try row.optionalInt64("ended_ms").map(Timestamp.date(milliseconds:)),
            status: try decode(RunStatus.self, try row.text("status"), column: "runs.status"), reason: try row.optionalText("reason"),
            suite: try row.text("suite"), label: try row.optionalText("label"), gitCommit: try row.optionalText("git_commit"),
            toolVersion: try row.text("tool_version"), configurationJSON: try row.text("configuration"),
            purpose: try decode(RunPurpose.self, try row.text("purpose"), column: "runs.purpose"),
            parentRunID: try row.optionalInt64("parent_run_id"), host: try row.text("host"),
            pid: Int32(truncatingIfNeeded: try row.int64("pid")))
    }

    static func fetchRun(_ id: Int64, _ connection: SQLiteConnection) throws -> RunRecord {
        guard let run = try connection.firstRow("SELECT \(runColumns) FROM runs WHERE id = ?", [id], runRecord) else {
            throw StoreError.unknownRun(id: id)
        }
        return run
    }

    static let summaryColumns =
        "m.name AS metric, s.n AS n, s.mean AS mean, s.median AS median, s.min AS min, s.max AS max, s.stddev AS stddev, s.p95 AS p95"

    static func summary(_ row: Row) throws -> MetricSummary {
        MetricSummary(
            metric: MetricID(try row.text("metric")), n: try row.int("n"), mean: try row.double("mean"),
            median: try row.double("median"), min: try row.double("min"), max: try row.double("max"),
            stddev: try row.double("stddev"), p95: try row.double("p95"))
    }

    static let decisionColumns = """
        id, run_id, \(Timestamp.milliseconds("decided_at")) AS decided_ms, tool_version, verdict, alert_count, baseline_kind,
        baseline_name, baseline_label, baseline_runs, document
        """

    static func decision(_ row: Row) throws -> DecisionRecord {
        let references: [BaselineReference.Run]
        do {
            references = try JSONDecoder().decode([BaselineReference.Run].self, from: Data(try row.text("baseline_runs").utf8))
        } catch {
            throw DatabaseError(extendedResultCode: SQLITE_ERROR, message: "decisions.baseline_runs is not a list of runs", sql: nil)
        }
        return DecisionRecord(
            id: try row.int64("id"), runID: try row.int64("run_id"),
            decidedAt: Timestamp.date(milliseconds: try row.int64("decided_ms")), toolVersion: try row.text("tool_version"),
            passed: try row.text("verdict") == "passed", alertCount: try row.int("alert_count"),
            baseline: BaselineReference(
                kind: try row.text("baseline_kind"), name: try row.optionalText("baseline_name"),
                label: try row.optionalText("baseline_label"), runs: references),
            document: try row.text("document"))
    }

    static func uuid(_ text: String, column: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else {
            throw DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(column) holds '\(text)', which is not a UUID", sql: nil)
        }
        return uuid
    }

    /// The column of `samples` that holds a phase.
    static func phaseColumn(_ phase: LifecyclePhase) -> String { "\(phase.rawValue)_s" }

    /// A stored enum value; the schema's CHECK constraints keep unknown ones out.
    static func decode<T: RawRepresentable>(_ type: T.Type, _ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(column) holds the unknown value '\(text)'", sql: nil)
        }
        return value
    }

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
