import BenchModel
import Foundation

extension ResultsDatabase {
    /// Points the baseline `name` at run `id`, creating it or moving it. Only a completed run
    /// can be a baseline.
    public func setBaseline(name: String, run runID: Int64, note: String? = nil, createdAt: Date = Date()) throws {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.emptyBaselineName }
        try write(durable: true) { connection in
            let run = try Self.fetchRun(runID, connection)
            guard run.status == .completed else { throw StoreError.baselineNeedsCompletedRun(id: runID, status: run.status) }
            try connection.execute(
                """
                INSERT INTO baselines (name, run_id, created_at, note) VALUES (?, ?, \(Timestamp.fromParameter), ?)
                ON CONFLICT (name) DO UPDATE SET run_id = excluded.run_id, created_at = excluded.created_at, note = excluded.note
                """,
                [name, runID, Timestamp.parameter(createdAt), note])
        }
    }

    /// The baseline `name`; throws `StoreError.unknownBaseline` when there is none.
    public func baseline(named name: String) throws -> BaselineRecord {
        let found = try withConnection { connection in
            try connection.firstRow("SELECT \(Self.baselineColumns) FROM baselines WHERE name = ?", [name], Self.baselineRecord)
        }
        guard let found else { throw StoreError.unknownBaseline(name: name) }
        return found
    }

    /// Every baseline, by name.
    public func baselines() throws -> [BaselineRecord] {
        try withConnection { connection in
            try connection.rows("SELECT \(Self.baselineColumns) FROM baselines ORDER BY name", [], Self.baselineRecord)
        }
    }

    /// Removes the baseline `name`; its run stays.
    public func removeBaseline(named name: String) throws {
        try write(durable: true) { connection in
            try connection.execute("DELETE FROM baselines WHERE name = ?", [name])
            guard connection.changes > 0 else { throw StoreError.unknownBaseline(name: name) }
        }
    }

    private static let baselineColumns = "name, run_id, \(Timestamp.milliseconds("created_at")), note"

    private static func baselineRecord(_ row: Row) -> BaselineRecord {
        BaselineRecord(
            name: row.text(0), runID: row.int64(1), createdAt: Timestamp.date(milliseconds: row.int64(2)), note: row.optionalText(3))
    }
}
