import BenchModel
import Foundation

extension ResultsDatabase {
    /// The raw samples of run `id` with their phases, optionally of one metric only, in
    /// spec, metric and iteration order.
    public func samples(run runID: Int64, metric: MetricID? = nil) throws -> [RecordedSample] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT sr.spec, m.name, s.iteration, s.value, s.create_s, s.start_s, s.run_s, s.logs_s, s.remove_s
                FROM samples s
                JOIN spec_results sr ON sr.id = s.spec_result_id
                JOIN metrics m ON m.id = s.metric_id
                WHERE sr.run_id = ?1 AND (?2 IS NULL OR m.name = ?2)
                ORDER BY sr.spec, m.name, s.iteration, s.id
                """, [runID, metric?.rawValue]
            ) { row in
                var phases = PhaseTimings()
                for (offset, phase) in Self.phaseColumns.enumerated() {
                    phases[phase] = row.optionalDouble(Int32(4 + offset))
                }
                let sample = Sample(
                    metric: MetricID(row.text(1)), iteration: row.int(2), value: row.double(3),
                    phases: phases.isEmpty ? nil : phases)
                return RecordedSample(spec: row.text(0), sample: sample)
            }
        }
    }

    /// The summary of every metric of run `id`, in metric name order.
    public func summaries(run runID: Int64) throws -> [MetricSummary] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT m.name, s.n, s.mean, s.median, s.min, s.max, s.stddev, s.p95
                FROM summaries s JOIN metrics m ON m.id = s.metric_id
                WHERE s.run_id = ? ORDER BY m.name
                """, [runID]
            ) { try Self.summary($0) }
        }
    }

    /// One point per main run, oldest first, with the metric's summary when the run has it.
    /// Failed, aborted and running runs are points too, so that charts can show gaps.
    /// With `limit`, the most recent `limit` runs.
    public func history(metric: MetricID, limit: Int? = nil, includeConfirmations: Bool = false) throws -> [HistoryPoint] {
        let newestFirst = try withConnection { connection in
            try connection.rows(
                """
                SELECT r.id, \(Timestamp.milliseconds("r.started_at")), r.status, r.label,
                       m.name, s.n, s.mean, s.median, s.min, s.max, s.stddev, s.p95
                FROM runs r
                LEFT JOIN metrics m ON m.name = ?1
                LEFT JOIN summaries s ON s.metric_id = m.id AND s.run_id = r.id
                WHERE r.purpose = 'main' OR ?2
                ORDER BY r.started_at DESC, r.id DESC
                LIMIT ?3
                """, [metric.rawValue, includeConfirmations, limit ?? -1]
            ) { row in
                HistoryPoint(
                    runID: row.int64(0), startedAt: Timestamp.date(milliseconds: row.int64(1)),
                    status: try Self.decode(RunStatus.self, row.text(2), column: "runs.status"), label: row.optionalText(3),
                    summary: row.isNull(5) ? nil : try Self.summary(row, from: 4))
            }
        }
        return newestFirst.reversed()
    }

    /// Every spec of run `id` as it was recorded, in the order the specs were recorded; the
    /// samples of a spec come in metric and iteration order.
    public func specs(run runID: Int64) throws -> [SpecResult] {
        let samples = try samples(run: runID)
        let checks = try checks(run: runID)
        let failures = try failures(run: runID)
        let notes = try notes(run: runID)
        let containers = try containers(run: runID)
        let specs = try withConnection { connection in
            try connection.rows("SELECT spec, wall_s FROM spec_results WHERE run_id = ? ORDER BY id", [runID]) { row in
                (spec: row.text(0), wallSeconds: row.double(1))
            }
        }
        return specs.map { spec in
            SpecResult(
                spec: spec.spec,
                samples: samples.filter { $0.spec == spec.spec }.map(\.sample),
                checks: checks.filter { $0.spec == spec.spec }.map(\.check),
                failures: failures.filter { $0.spec == spec.spec }.map(\.failure),
                notes: notes.filter { $0.spec == spec.spec }.map(\.text),
                containers: containers.filter { $0.spec == spec.spec }.map(\.container),
                wallSeconds: spec.wallSeconds)
        }
    }

    /// The phase columns of `samples`, in the order the queries select them.
    static let phaseColumns: [LifecyclePhase] = [.create, .start, .run, .logs, .remove]

    /// A summary read from eight columns starting at `first`: name, n, mean, median, min, max, stddev, p95.
    static func summary(_ row: Row, from first: Int32 = 0) throws -> MetricSummary {
        MetricSummary(
            metric: MetricID(row.text(first)), n: row.int(first + 1), mean: row.double(first + 2),
            median: row.double(first + 3), min: row.double(first + 4), max: row.double(first + 5),
            stddev: row.double(first + 6), p95: row.double(first + 7))
    }
}
