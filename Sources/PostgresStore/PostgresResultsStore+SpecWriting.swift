import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    public func recordSpec(_ spec: SpecResult, for runID: Int64, recordedAt: Date) async throws {
        let (result, summaries) = spec.preparedForStorage()
        let rows = try SpecRows(result, summaries: summaries)
        try await write { session in
            let run = try Self.lockRun(runID, session)
            guard run.status == .running else { throw StoreError.runNotRunning(id: runID, status: run.status) }
            let recorded = try session.firstRow("SELECT 1 AS found FROM spec_results WHERE run_id = \(runID) AND spec = \(result.spec)")
            guard recorded == nil else { throw StoreError.specAlreadyRecorded(runID: runID, spec: result.spec) }
            try Self.insertSpec(rows, runID: runID, recordedAt: recordedAt, session)
        }
    }

    /// Everything one spec produced, in the caller's transaction: a statement per table, each
    /// taking its rows as one JSON array in their order, so that a spec of hundreds of samples
    /// costs a handful of round trips.
    static func insertSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date, _ session: PostgresSession) throws {
        guard
            let specResultID = try session.firstRow(
                """
                INSERT INTO spec_results (run_id, spec, wall_s, recorded_at)
                VALUES (\(runID), \(rows.spec), \(rows.wallSeconds), \(PostgresTimestamp.parameter(recordedAt))) RETURNING id
                """)?.int64("id")
        else { throw PostgresValueError(column: "spec_results.id", expected: "a new id") }
        if let metrics = rows.metrics {
            try session.execute(
                """
                INSERT INTO metrics (name, spec, unit, direction)
                SELECT e.v->>'name', e.v->>'spec', e.v->>'unit', e.v->>'direction'
                FROM jsonb_array_elements(\(metrics)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
                ON CONFLICT (name) DO NOTHING
                """)
        }
        if let samples = rows.samples {
            try session.execute(
                """
                INSERT INTO samples (spec_result_id, metric_id, iteration, value, create_s, start_s, run_s, logs_s, remove_s)
                SELECT \(specResultID), m.id, (e.v->>'iteration')::int8, (e.v->>'value')::float8, (e.v->>'create')::float8,
                       (e.v->>'start')::float8, (e.v->>'run')::float8, (e.v->>'logs')::float8, (e.v->>'remove')::float8
                FROM jsonb_array_elements(\(samples)::jsonb) WITH ORDINALITY AS e(v, ord)
                JOIN metrics m ON m.name = e.v->>'metric'
                ORDER BY e.ord
                """)
        }
        if let summaries = rows.summaries {
            try session.execute(
                """
                INSERT INTO summaries (metric_id, run_id, n, mean, median, min, max, stddev, p95)
                SELECT m.id, \(runID), (e.v->>'n')::int8, (e.v->>'mean')::float8, (e.v->>'median')::float8, (e.v->>'min')::float8,
                       (e.v->>'max')::float8, (e.v->>'stddev')::float8, (e.v->>'p95')::float8
                FROM jsonb_array_elements(\(summaries)::jsonb) WITH ORDINALITY AS e(v, ord)
                JOIN metrics m ON m.name = e.v->>'metric'
                ORDER BY e.ord
                """)
        }
        if let checks = rows.checks {
            try session.execute(
                """
                INSERT INTO checks (spec_result_id, name, passed, informational, detail)
                SELECT \(specResultID), e.v->>'name', (e.v->>'passed')::boolean, (e.v->>'informational')::boolean, e.v->>'detail'
                FROM jsonb_array_elements(\(checks)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
                """)
        }
        if let failures = rows.failures {
            try session.execute(
                """
                INSERT INTO failures (spec_result_id, metric, iteration, reason, output)
                SELECT \(specResultID), e.v->>'metric', (e.v->>'iteration')::int8, e.v->>'reason', e.v->>'output'
                FROM jsonb_array_elements(\(failures)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
                """)
        }
        if let notes = rows.notes {
            try session.execute(
                """
                INSERT INTO notes (spec_result_id, text)
                SELECT \(specResultID), e.v #>> '{}' FROM jsonb_array_elements(\(notes)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
                """)
        }
        if let containers = rows.containers {
            try session.execute(
                """
                INSERT INTO containers (spec_result_id, container_id, iteration, removed, removal_error)
                SELECT \(specResultID), e.v->>'id', (e.v->>'iteration')::int8, (e.v->>'removed')::boolean, e.v->>'removalError'
                FROM jsonb_array_elements(\(containers)::jsonb) WITH ORDINALITY AS e(v, ord) ORDER BY e.ord
                """)
        }
    }
}

/// A spec's rows as the JSON arrays ``PostgresResultsStore/insertSpec(_:runID:recordedAt:_:)``
/// binds; nil for a table that gets no rows. Encoded before the transaction starts.
struct SpecRows: Sendable {
    var spec: String
    var wallSeconds: Double
    var metrics, samples, summaries, checks, failures, notes, containers: String?

    init(_ result: SpecResult, summaries: [MetricSummary]) throws {
        spec = result.spec
        wallSeconds = result.wallSeconds
        let metricIDs = Array(Set(result.samples.map(\.metric) + summaries.map(\.metric))).sorted()
        self.metrics = try Self.json(metricIDs.map { MetricRow(name: $0.rawValue, spec: $0.spec, unit: $0.unit.rawValue, direction: $0.direction.rawValue) })
        self.samples = try Self.json(
            result.samples.map { sample in
                let phases = sample.phases ?? PhaseTimings()
                return SampleRow(
                    metric: sample.metric.rawValue, iteration: sample.iteration, value: sample.value, create: phases[.create],
                    start: phases[.start], run: phases[.run], logs: phases[.logs], remove: phases[.remove])
            })
        self.summaries = try Self.json(summaries.map(SummaryRow.init))
        self.checks = try Self.json(result.checks)
        self.failures = try Self.json(result.failures.map { FailureRow(metric: $0.metric?.rawValue, iteration: $0.iteration, reason: $0.reason, output: $0.output) })
        self.notes = try Self.json(result.notes)
        self.containers = try Self.json(result.containers)
    }

    private static func json<T: Encodable>(_ rows: [T]) throws -> String? {
        rows.isEmpty ? nil : String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
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
            (mean, median, min, max, stddev, p95) = (summary.mean, summary.median, summary.min, summary.max, summary.stddev, summary.p95)
        }
    }

    private struct FailureRow: Encodable {
        var metric: String?
        var iteration: Int
        var reason, output: String
    }
}
