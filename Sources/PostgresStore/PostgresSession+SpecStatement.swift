import BenchModel
import Foundation
import ResultsStore
import SQLStore

extension PostgresSession {
    /// Everything one spec produced, in one statement (one round trip instead of one per table
    /// and metric): the run is locked; when it may take the spec (it is `running`, or
    /// `requireRunning` is false for an import) and does not hold it yet, the spec's row and then
    /// every table's rows of ``SpecRows``, each table bound as one JSON array and inserted in its
    /// order. Nothing is written otherwise.
    ///
    /// The spec's metrics come from the statement's snapshot when they are known, and are
    /// inserted when they are not; a metric another host inserted after the snapshot was taken
    /// is a conflict whose `DO UPDATE` hands back its id, so that no sample loses its metric. The
    /// update sets a column outside the unique key to itself: it takes the weaker row lock, which
    /// the foreign-key checks of other hosts' samples do not wait for.
    package func insertSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date, requireRunning: Bool) throws
        -> SpecInsertion
    {
        let metrics = rows.metrics.map { metric in
            [metric.rawValue, metric.spec, metric.unit.rawValue, metric.direction.rawValue].map(SQLValue.text)
        }
        var statement: SQL = """
            WITH run AS (
                SELECT id, status FROM runs WHERE id = \(runID) FOR UPDATE
            ), spec AS (
                INSERT INTO spec_results (run_id, spec, wall_s, recorded_at)
                SELECT id, \(rows.spec), \(rows.wallSeconds), \(recordedAt)
                FROM run WHERE status = 'running' OR NOT \(requireRunning)
                ON CONFLICT (run_id, spec) DO NOTHING
                RETURNING id
            ), listed AS (
                SELECT e.v->>0 AS name, e.v->>1 AS spec, e.v->>2 AS unit, e.v->>3 AS direction, e.ord
                FROM jsonb_array_elements(\(try Self.json(metrics))) WITH ORDINALITY AS e(v, ord)
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
            )
            """
        for table in rows.tables where !table.rows.isEmpty {
            statement += ", " + (try Self.insertion(table, runID: runID))
        }
        statement += "\nSELECT (SELECT status FROM run) AS status, EXISTS (SELECT 1 FROM spec) AS stored"
        let row = try firstRow(statement) { $0 }
        return SpecInsertion(
            runStatus: try row?.optionalText("status").map { text in
                guard let status = RunStatus(rawValue: text) else {
                    throw PostgresValueError(column: "runs.status", expected: "a run status")
                }
                return status
            },
            stored: try row?.bool("stored") ?? false)
    }

    /// `stored_<table> AS (INSERT …)`: the table's rows from its JSON array, in order, each row's
    /// values cast to their columns' types, the metric's name (a row's first value) as its id.
    private static func insertion(_ table: SpecTable, runID: Int64) throws -> SQL {
        let first = table.metric ? 1 : 0
        let values = table.columns.enumerated().map { offset, column in
            let element = "e.v->>\(offset + first)"
            switch column.type {
            case .integer: return "(\(element))::int8"
            case .real: return "(\(element))::float8"
            case .bool: return "(\(element))::boolean"
            case .text: return element
            }
        }
        let parent: SQL = table.parent == .run ? "\(runID)" : "spec.id"
        let metric: SQL = table.metric ? ", m.id" : ""
        let join: SQL = table.metric ? " JOIN metric_ids m ON m.name = e.v->>0" : ""
        return """
            stored_\(SQL(verbatim: table.name)) AS (
                INSERT INTO \(SQL(verbatim: table.name)) (\(SQL(verbatim: table.storedColumns.joined(separator: ", "))))
                SELECT \(parent)\(metric), \(SQL(verbatim: values.joined(separator: ", ")))
                FROM spec, jsonb_array_elements(\(try json(table.rows))) WITH ORDINALITY AS e(v, ord)\(join)
                ORDER BY e.ord
            )
            """
    }

    /// Rows as a JSON array of arrays, bound as `jsonb`.
    static func json(_ rows: [[SQLValue]]) throws -> SQLValue {
        let data = try JSONEncoder().encode(rows.map { $0.map(JSONCell.init) })
        return .json(String(decoding: data, as: UTF8.self))
    }

    /// One value of a row in the JSON array.
    private struct JSONCell: Encodable {
        var value: SQLValue

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .null: try container.encodeNil()
            case .integer(let integer): try container.encode(integer)
            case .real(let real): try container.encode(real)
            case .text(let text), .json(let text): try container.encode(text)
            case .bool(let flag): try container.encode(flag)
            case .timestamp(let date): try container.encode(ISO8601Milliseconds.string(from: date))
            case .integers(let list): try container.encode(list)
            case .texts(let list): try container.encode(list)
            }
        }
    }
}
