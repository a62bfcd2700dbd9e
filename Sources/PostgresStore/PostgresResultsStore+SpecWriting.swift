import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    /// One statement, so one round trip and one commit per spec: a suite of fourteen specs is
    /// stored in about fourteen round trips instead of a dozen per spec.
    package func recordSpec(_ spec: SpecResult, for runID: Int64, recordedAt: Date) async throws {
        let (result, summaries) = spec.preparedForStorage()
        let rows = try SpecRows(result, summaries: summaries)
        try await perform(retry: .always) { try Self.storeSpec(rows, runID: runID, recordedAt: recordedAt, $0) }
    }

    /// Stores a spec of a running run. A spec is stored once per run: tried again after a lost
    /// connection (`session.attempt` > 0), a spec already there is the earlier attempt's commit
    /// (the run's read-back checks that the store holds every row of it).
    static func storeSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date, _ session: PostgresSession) throws {
        let outcome = try insertSpec(rows, runID: runID, recordedAt: recordedAt, requireRunning: true, session)
        guard let status = outcome.runStatus else { throw StoreError.unknownRun(id: runID) }
        guard status == .running else { throw StoreError.runNotRunning(id: runID, status: status) }
        guard outcome.stored || session.attempt > 0 else {
            throw StoreError.specAlreadyRecorded(runID: runID, spec: rows.spec)
        }
    }

    /// What ``insertSpec(_:runID:recordedAt:requireRunning:_:)`` found: the run's status (nil
    /// for no such run) and whether the spec was stored.
    struct SpecInsertion {
        var runStatus: RunStatus?
        var stored: Bool
    }

    /// Everything one spec produced, in one statement: the run is locked; when it may take the
    /// spec (it is `running`, or `requireRunning` is false for an import) and does not hold it
    /// yet, the spec's row and then every table's rows, each bound as one JSON array and inserted
    /// in its order. Nothing is written otherwise.
    ///
    /// The spec's metrics come from the statement's snapshot when they are known, and are
    /// inserted when they are not; a metric another host inserted after the snapshot was taken
    /// is a conflict whose `DO UPDATE` hands back its id, so that no sample loses its metric. The
    /// update sets a column outside the unique key to itself: it takes the weaker row lock, which
    /// the foreign-key checks of other hosts' samples do not wait for.
    static func insertSpec(
        _ rows: SpecRows, runID: Int64, recordedAt: Date, requireRunning: Bool, _ session: PostgresSession
    ) throws -> SpecInsertion {
        let row = try session.firstRow(
            """
            WITH run AS (
                SELECT id, status FROM runs WHERE id = \(runID) FOR UPDATE
            ), spec AS (
                INSERT INTO spec_results (run_id, spec, wall_s, recorded_at)
                SELECT id, \(rows.spec), \(rows.wallSeconds), \(PostgresTimestamp.parameter(recordedAt))
                FROM run WHERE status = 'running' OR NOT \(requireRunning)
                ON CONFLICT (run_id, spec) DO NOTHING
                RETURNING id
            ), listed AS (
                SELECT e.v->>'name' AS name, e.v->>'spec' AS spec, e.v->>'unit' AS unit, e.v->>'direction' AS direction, e.ord
                FROM jsonb_array_elements(\(rows.metrics)::jsonb) WITH ORDINALITY AS e(v, ord)
                WHERE EXISTS (SELECT 1 FROM spec)
            ), known AS (
                SELECT m.id, m.name FROM metrics m JOIN listed l ON l.name = m.name
            ), added AS (
                INSERT INTO metrics (name, spec, unit, direction)
                SELECT l.name, l.spec, l.unit, l.direction FROM listed l
                WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.name = l.name)
                ORDER BY l.ord
                ON CONFLICT (name) DO UPDATE SET spec = metrics.spec
                RETURNING id, name
            ), metric_ids AS (
                SELECT id, name FROM known UNION ALL SELECT id, name FROM added
            ), stored_samples AS (
                INSERT INTO samples (spec_result_id, metric_id, iteration, value, create_s, start_s, run_s, logs_s, remove_s)
                SELECT spec.id, m.id, (e.v->>'iteration')::int8, (e.v->>'value')::float8, (e.v->>'create')::float8,
                       (e.v->>'start')::float8, (e.v->>'run')::float8, (e.v->>'logs')::float8, (e.v->>'remove')::float8
                FROM spec, jsonb_array_elements(\(rows.samples)::jsonb) WITH ORDINALITY AS e(v, ord)
                JOIN metric_ids m ON m.name = e.v->>'metric'
                ORDER BY e.ord
            ), stored_summaries AS (
                INSERT INTO summaries (metric_id, run_id, n, mean, median, min, max, stddev, p95)
                SELECT m.id, \(runID), (e.v->>'n')::int8, (e.v->>'mean')::float8, (e.v->>'median')::float8, (e.v->>'min')::float8,
                       (e.v->>'max')::float8, (e.v->>'stddev')::float8, (e.v->>'p95')::float8
                FROM spec, jsonb_array_elements(\(rows.summaries)::jsonb) WITH ORDINALITY AS e(v, ord)
                JOIN metric_ids m ON m.name = e.v->>'metric'
                ORDER BY e.ord
            ), stored_checks AS (
                INSERT INTO checks (spec_result_id, name, passed, informational, detail)
                SELECT spec.id, e.v->>'name', (e.v->>'passed')::boolean, (e.v->>'informational')::boolean, e.v->>'detail'
                FROM spec, jsonb_array_elements(\(rows.checks)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
            ), stored_failures AS (
                INSERT INTO failures (spec_result_id, metric, iteration, reason, output)
                SELECT spec.id, e.v->>'metric', (e.v->>'iteration')::int8, e.v->>'reason', e.v->>'output'
                FROM spec, jsonb_array_elements(\(rows.failures)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
            ), stored_notes AS (
                INSERT INTO notes (spec_result_id, text)
                SELECT spec.id, e.v #>> '{}' FROM spec, jsonb_array_elements(\(rows.notes)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
            ), stored_containers AS (
                INSERT INTO containers (spec_result_id, container_id, iteration, removed, removal_error)
                SELECT spec.id, e.v->>'id', (e.v->>'iteration')::int8, (e.v->>'removed')::boolean, e.v->>'removalError'
                FROM spec, jsonb_array_elements(\(rows.containers)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
            )
            SELECT (SELECT status FROM run) AS status, EXISTS (SELECT 1 FROM spec) AS stored
            """)
        let status = try row?.optionalText("status")
        return SpecInsertion(
            runStatus: try status.map { text in
                guard let status = RunStatus(rawValue: text) else {
                    throw PostgresValueError(column: "runs.status", expected: "a run status")
                }
                return status
            },
            stored: try row?.bool("stored") ?? false)
    }
}

/// A spec's rows as the JSON arrays ``PostgresResultsStore/insertSpec(_:runID:recordedAt:requireRunning:_:)``
/// binds (an empty array for a table that gets no rows). Encoded before the statement is sent.
struct SpecRows: Sendable {
    var spec: String
    var wallSeconds: Double
    var metrics, samples, summaries, checks, failures, notes, containers: String

    init(_ result: SpecResult, summaries: [MetricSummary]) throws {
        spec = result.spec
        wallSeconds = result.wallSeconds
        let metricIDs = Array(Set(result.samples.map(\.metric) + summaries.map(\.metric))).sorted()
        self.metrics = try Self.json(
            metricIDs.map {
                MetricRow(name: $0.rawValue, spec: $0.spec, unit: $0.unit.rawValue, direction: $0.direction.rawValue)
            })
        self.samples = try Self.json(
            result.samples.map { sample in
                let phases = sample.phases ?? PhaseTimings()
                return SampleRow(
                    metric: sample.metric.rawValue, iteration: sample.iteration, value: sample.value,
                    create: phases[.create],
                    start: phases[.start], run: phases[.run], logs: phases[.logs], remove: phases[.remove])
            })
        self.summaries = try Self.json(summaries.map(SummaryRow.init))
        self.checks = try Self.json(result.checks)
        self.failures = try Self.json(
            result.failures.map {
                FailureRow(metric: $0.metric?.rawValue, iteration: $0.iteration, reason: $0.reason, output: $0.output)
            })
        self.notes = try Self.json(result.notes)
        self.containers = try Self.json(result.containers)
    }

    private static func json<T: Encodable>(_ rows: [T]) throws -> String {
        String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }

    private struct MetricRow: Encodable {
        var name, spec, unit, direction: String
    }

    private struct SampleRow: Encodable {
        var metric: String
        var iteration: Int
        var value: Double
        var create, start, run, logs, remove: Double?
    }

    private struct SummaryRow: Encodable {
        var metric: String
        var n: Int
        var mean, median, min, max, stddev, p95: Double

        init(_ summary: MetricSummary) {
            metric = summary.metric.rawValue
            n = summary.n
            (mean, median, min, max, stddev, p95) = (
                summary.mean, summary.median, summary.min, summary.max, summary.stddev, summary.p95
            )
        }
    }

    private struct FailureRow: Encodable {
        var metric: String?
        var iteration: Int
        var reason, output: String
    }
}
