import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    package func importRun(_ portable: PortableRun) async throws -> ImportOutcome {
        guard portable.run.status != .running else {
            throw StoreError.importOfRunningRun(uuid: portable.run.uuid.uuidString.lowercased())
        }
        try Testbed.validate(portable.run.testbed)
        let specs = try portable.specs.map { spec in
            let (result, summaries) = spec.preparedForStorage()
            return try SpecRows(result, summaries: summaries)
        }
        return try await write(durable: true) { session in
            let reader = PostgresReader(session: session)
            let run = portable.run
            let parent = try portable.parentUUID.flatMap { try reader.run(uuid: $0) }?.id
            let inserted = try session.firstRow(
                """
                INSERT INTO runs (uuid, testbed, started_at, ended_at, status, reason, suite, label, git_commit, tool_version,
                                  configuration, purpose, parent_run_id, host, pid, process_start)
                VALUES (\(run.uuid.uuidString.lowercased()), \(run.testbed), \(PostgresTimestamp.parameter(run.startedAt)),
                        \(run.endedAt.map(PostgresTimestamp.parameter)), \(run.status.rawValue), \(run.reason), \(run.suite), \(run.label),
                        \(run.gitCommit), \(run.toolVersion), \(run.configurationJSON),
                        \(parent == nil ? RunPurpose.main.rawValue : run.purpose.rawValue), \(parent), \(run.host), \(run.pid), '')
                ON CONFLICT (uuid) DO NOTHING
                RETURNING id
                """)
            // Present already (perhaps copied by another host a moment ago): nothing is written.
            guard let id = try inserted?.int64("id") else {
                guard let existing = try reader.run(uuid: run.uuid) else {
                    throw StoreError.duplicateRun(uuid: run.uuid.uuidString.lowercased())
                }
                return .alreadyPresent(id: existing.id)
            }
            if let environment = portable.environment { try Self.insertEnvironment(environment, runID: id, session) }
            let recordedAt = run.endedAt ?? run.startedAt
            for spec in specs
            where try !Self.insertSpec(spec, runID: id, recordedAt: recordedAt, requireRunning: false, session).stored {
                throw StoreError.specAlreadyRecorded(runID: id, spec: spec.spec)
            }
            let (decisions, alerts) = try portable.decisionsAndAlerts(numberedBy: reader)
            var latestDecision: Int64?
            // The alerts belong to the run's verdict, its latest standing decision.
            for decision in decisions {
                let stored = try Self.insertDecision(decision, runID: id, session)
                if decision.standing { latestDecision = stored }
            }
            for alert in alerts { try Self.insertAlert(alert, runID: id, decisionID: latestDecision, session) }
            return .stored(id: id)
        }
    }
}
