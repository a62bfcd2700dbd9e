import BenchModel
import Foundation
import ResultsStore

extension SQLResultsStore {
    package func setBaseline(name: String, run runID: Int64, note: String?, createdAt: Date) async throws {
        try BaselineName.validate(name)
        let name = BaselineName.normalized(name)
        try await write(.durable) { connection in
            let run = try SQLReader.run(runID, locked: true, connection)
            guard run.status == .completed else {
                throw StoreError.baselineNeedsCompletedRun(id: runID, status: run.status)
            }
            try connection.execute(
                """
                INSERT INTO baselines (testbed, name, run_id, created_at, note)
                VALUES (\(run.testbed), \(name), \(runID), \(createdAt), \(note))
                ON CONFLICT (testbed, name) DO UPDATE
                    SET run_id = excluded.run_id, created_at = excluded.created_at, note = excluded.note
                """)
        }
    }

    package func removeBaseline(named name: String, testbed: String) async throws {
        let name = BaselineName.normalized(name)
        try await write(.durable) { connection in
            let removed = try connection.execute("DELETE FROM baselines WHERE testbed = \(testbed) AND name = \(name)")
            guard removed > 0 else { throw StoreError.unknownBaseline(name: name, testbed: testbed) }
        }
    }
}
