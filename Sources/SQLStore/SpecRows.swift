import BenchModel
import Foundation
import ResultsStore

/// Everything one spec stores, as rows of the tables it fills: the one description of which
/// column holds what. The table-by-table insert binds the rows one by one; PostgreSQL's
/// one-statement insert sends each table's rows as one JSON array.
package struct SpecRows: Sendable {
    package var spec: String
    package var wallSeconds: Double
    /// Every metric the samples and summaries name, in name order.
    package var metrics: [MetricID]
    /// The tables in the order they are filled.
    package var tables: [SpecTable]

    /// The rows of `result` as `preparedForStorage()` leaves it, with its summaries.
    package init(_ result: SpecResult, summaries: [MetricSummary]) {
        spec = result.spec
        wallSeconds = result.wallSeconds
        metrics = Array(Set(result.samples.map(\.metric) + summaries.map(\.metric))).sorted()
        tables = [
            SpecTable(
                name: "samples", parent: .specResult, metric: true,
                columns: [("iteration", .integer), ("value", .real)]
                    + LifecyclePhase.allCases.map { (RecordedSample.column(of: $0), .real) },
                rows: result.samples.map { sample in
                    let phases = sample.phases ?? PhaseTimings()
                    return [sample.metric.rawValue.sqlValue, sample.iteration.sqlValue, sample.value.sqlValue]
                        + LifecyclePhase.allCases.map { phases[$0].map(SQLValue.real) ?? .null }
                }),
            SpecTable(
                name: "summaries", parent: .run, metric: true,
                columns: [
                    ("n", .integer), ("mean", .real), ("median", .real), ("min", .real), ("max", .real),
                    ("stddev", .real), ("p95", .real),
                ],
                rows: summaries.map { summary in
                    [
                        summary.metric.rawValue.sqlValue, summary.n.sqlValue, summary.mean.sqlValue,
                        summary.median.sqlValue, summary.min.sqlValue, summary.max.sqlValue, summary.stddev.sqlValue,
                        summary.p95.sqlValue,
                    ]
                }),
            SpecTable(
                name: "checks", parent: .specResult, metric: false,
                columns: [("name", .text), ("passed", .bool), ("informational", .bool), ("detail", .text)],
                rows: result.checks.map {
                    [$0.name.sqlValue, $0.passed.sqlValue, $0.informational.sqlValue, $0.detail.sqlValue]
                }
            ),
            SpecTable(
                name: "failures", parent: .specResult, metric: false,
                columns: [("metric", .text), ("iteration", .integer), ("reason", .text), ("output", .text)],
                rows: result.failures.map { failure in
                    [
                        failure.metric.map { SQLValue.text($0.rawValue) } ?? .null, failure.iteration.sqlValue,
                        failure.reason.sqlValue, failure.output.sqlValue,
                    ]
                }),
            SpecTable(
                name: "notes", parent: .specResult, metric: false, columns: [("text", .text)],
                rows: result.notes.map { [$0.sqlValue] }),
            SpecTable(
                name: "containers", parent: .specResult, metric: false,
                columns: [
                    ("container_id", .text), ("iteration", .integer), ("removed", .bool), ("removal_error", .text),
                ],
                rows: result.containers.map { container in
                    [
                        container.id.sqlValue, container.iteration.sqlValue, container.removed.sqlValue,
                        container.removalError.map(SQLValue.text) ?? .null,
                    ]
                }),
        ]
    }
}

/// The rows one spec stores in one table.
package struct SpecTable: Sendable {
    /// The column each row's owner goes into.
    package enum Parent: Sendable {
        /// `spec_result_id`: the spec's row in `spec_results`.
        case specResult
        /// `run_id`: the run.
        case run

        package var column: String {
            switch self {
            case .specResult: return "spec_result_id"
            case .run: return "run_id"
            }
        }
    }

    package enum ColumnType: Sendable {
        case integer, real, text, bool
    }

    package var name: String
    package var parent: Parent
    /// True when the table refers to a metric (`metric_id`): the first value of each row is the
    /// metric's name, which is stored as its id.
    package var metric: Bool
    /// The columns after the parent (and `metric_id`), with their types; each row holds their values
    /// in this order (after the metric's name).
    package var columns: [(name: String, type: ColumnType)]
    package var rows: [[SQLValue]]

    /// Every column a row fills, in order.
    package var storedColumns: [String] { [parent.column] + (metric ? ["metric_id"] : []) + columns.map(\.name) }
}

/// What storing a spec found: the run's status (nil when there is no such run) and whether the
/// spec was stored (false when the run may not take it, or already holds it).
package struct SpecInsertion: Sendable, Hashable {
    package var runStatus: RunStatus?
    package var stored: Bool

    package init(runStatus: RunStatus?, stored: Bool) {
        self.runStatus = runStatus
        self.stored = stored
    }
}

extension SQLConnection {
    /// The spec's rows in the caller's transaction, table by table: its row in `spec_results`
    /// when the run may take it (it is `running`, or `requireRunning` is false for an import) and
    /// does not hold it yet, its metrics (added on first use), then each table's rows through one
    /// prepared statement. Nothing is written otherwise.
    package func insertSpecTableByTable(_ rows: SpecRows, runID: Int64, recordedAt: Date, requireRunning: Bool)
        throws -> SpecInsertion
    {
        guard
            let status = try firstRow(
                "SELECT status FROM runs WHERE id = \(runID)", { try $0.value(RunStatus.self, "status") })
        else { return SpecInsertion(runStatus: nil, stored: false) }
        guard status == .running || !requireRunning,
            let specID = try firstRow(
                """
                INSERT INTO spec_results (run_id, spec, wall_s, recorded_at)
                VALUES (\(runID), \(rows.spec), \(rows.wallSeconds), \(recordedAt))
                ON CONFLICT (run_id, spec) DO NOTHING RETURNING id
                """, { try $0.int64("id") })
        else { return SpecInsertion(runStatus: status, stored: false) }
        var metricIDs: [String: SQLValue] = [:]
        for metric in rows.metrics { metricIDs[metric.rawValue] = .integer(try metricID(metric)) }
        for table in rows.tables where !table.rows.isEmpty {
            let parent = SQLValue.integer(table.parent == .run ? runID : specID)
            try insert(
                into: table.name, columns: table.storedColumns,
                rows: table.rows.map { row in
                    guard table.metric, case .text(let name) = row.first else { return [parent] + row }
                    return [parent, metricIDs[name] ?? .null] + row.dropFirst()
                })
        }
        return SpecInsertion(runStatus: status, stored: true)
    }

    /// The id of `metric`, added with the unit and direction it declares when it is new.
    package func metricID(_ metric: MetricID) throws -> Int64 {
        let known: SQL = "SELECT id FROM metrics WHERE name = \(metric.rawValue)"
        if let id = try firstRow(known, { try $0.int64("id") }) { return id }
        let added = try firstRow(
            """
            INSERT INTO metrics (name, spec, unit, direction)
            VALUES (\(metric.rawValue), \(metric.spec), \(metric.unit.rawValue), \(metric.direction.rawValue))
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, { try $0.int64("id") })
        // Nil when another writer added it since: it is there now.
        guard let id = try added ?? firstRow(known, { try $0.int64("id") }) else {
            throw SQLStoreError(message: "the metric \(metric.rawValue) vanished right after it was stored")
        }
        return id
    }
}
