import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    package func setBaseline(name: String, run runID: Int64, note: String?, createdAt: Date) async throws {
        try BaselineName.validate(name)
        let name = BaselineName.normalized(name)
        try await write(durable: true) { session in
            let run = try Self.lockRun(runID, session)
            guard run.status == .completed else {
                throw StoreError.baselineNeedsCompletedRun(id: runID, status: run.status)
            }
            try session.execute(
                """
                INSERT INTO baselines (testbed, name, run_id, created_at, note)
                VALUES (\(run.testbed), \(name), \(runID), \(PostgresTimestamp.parameter(createdAt)), \(note))
                ON CONFLICT (testbed, name) DO UPDATE
                    SET run_id = excluded.run_id, created_at = excluded.created_at, note = excluded.note
                """)
        }
    }

    package func removeBaseline(named name: String, testbed: String) async throws {
        let name = BaselineName.normalized(name)
        try await write(durable: true) { session in
            let removed = try session.execute("DELETE FROM baselines WHERE testbed = \(testbed) AND name = \(name)")
            guard removed > 0 else { throw StoreError.unknownBaseline(name: name, testbed: testbed) }
        }
    }
}
