import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    package func recordSpec(_ spec: SpecResult, for runID: Int64, recordedAt: Date) async throws {
        let (result, summaries) = spec.preparedForStorage()
        try await write { connection in
            let run = try SQLiteReader.fetchRun(runID, connection)
            guard run.status == .running else { throw StoreError.runNotRunning(id: runID, status: run.status) }
            let alreadyRecorded =
                try connection.firstRow(
                    "SELECT 1 AS found FROM spec_results WHERE run_id = ? AND spec = ?", [runID, result.spec]
                ) { _ in true } ?? false
            guard !alreadyRecorded else { throw StoreError.specAlreadyRecorded(runID: runID, spec: result.spec) }
            try Self.insertSpec(result, summaries: summaries, runID: runID, recordedAt: recordedAt, connection)
        }
    }

    /// Everything one spec produced, in the caller's transaction.
    static func insertSpec(
        _ result: SpecResult, summaries: [MetricSummary], runID: Int64, recordedAt: Date, _ connection: SQLiteConnection
    ) throws {
        try connection.execute(
            "INSERT INTO spec_results (run_id, spec, wall_s, recorded_at) VALUES (?, ?, ?, \(Timestamp.fromParameter))",
            [runID, result.spec, result.wallSeconds, Timestamp.parameter(recordedAt)])
        let specResultID = connection.lastInsertedRowID
        var metricIDs = MetricDictionary(connection: connection)

        let insertSample = try connection.statement(
            """
            INSERT INTO samples (spec_result_id, metric_id, iteration, value, create_s, start_s, run_s, logs_s, remove_s)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for sample in result.samples {
            let phases = sample.phases ?? PhaseTimings()
            try insertSample.execute([
                specResultID, try metricIDs.id(of: sample.metric), sample.iteration, sample.value,
                phases[.create], phases[.start], phases[.run], phases[.logs], phases[.remove],
            ])
        }
        let insertSummary = try connection.statement(
            """
            INSERT INTO summaries (metric_id, run_id, n, mean, median, min, max, stddev, p95)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for summary in summaries {
            try insertSummary.execute([
                try metricIDs.id(of: summary.metric), runID, summary.n, summary.mean, summary.median, summary.min,
                summary.max, summary.stddev, summary.p95,
            ])
        }
        for check in result.checks {
            try connection.execute(
                "INSERT INTO checks (spec_result_id, name, passed, informational, detail) VALUES (?, ?, ?, ?, ?)",
                [specResultID, check.name, check.passed, check.informational, check.detail])
        }
        for failure in result.failures {
            try connection.execute(
                "INSERT INTO failures (spec_result_id, metric, iteration, reason, output) VALUES (?, ?, ?, ?, ?)",
                [specResultID, failure.metric?.rawValue, failure.iteration, failure.reason, failure.output])
        }
        for note in result.notes {
            try connection.execute("INSERT INTO notes (spec_result_id, text) VALUES (?, ?)", [specResultID, note])
        }
        for container in result.containers {
            try connection.execute(
                """
                INSERT INTO containers (spec_result_id, container_id, iteration, removed, removal_error)
                VALUES (?, ?, ?, ?, ?)
                """,
                [specResultID, container.id, container.iteration, container.removed, container.removalError])
        }
    }
}
