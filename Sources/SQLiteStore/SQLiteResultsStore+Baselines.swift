import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    package func setBaseline(name: String, run runID: Int64, note: String?, createdAt: Date) async throws {
        try BaselineName.validate(name)
        let name = BaselineName.normalized(name)
        try await write(durable: true) { connection in
            let run = try SQLiteReader.fetchRun(runID, connection)
            guard run.status == .completed else {
                throw StoreError.baselineNeedsCompletedRun(id: runID, status: run.status)
            }
            try connection.execute(
                """
                INSERT INTO baselines (testbed, name, run_id, created_at, note) VALUES (?, ?, ?, \(Timestamp.fromParameter), ?)
                ON CONFLICT (testbed, name) DO UPDATE
                    SET run_id = excluded.run_id, created_at = excluded.created_at, note = excluded.note
                """,
                [run.testbed, name, runID, Timestamp.parameter(createdAt), note])
        }
    }

    package func removeBaseline(named name: String, testbed: String) async throws {
        let name = BaselineName.normalized(name)
        try await write(durable: true) { connection in
            try connection.execute("DELETE FROM baselines WHERE testbed = ? AND name = ?", [testbed, name])
            guard connection.changes > 0 else { throw StoreError.unknownBaseline(name: name, testbed: testbed) }
        }
    }
}
