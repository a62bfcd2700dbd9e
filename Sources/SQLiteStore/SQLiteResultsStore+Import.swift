import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    package func importRun(_ portable: PortableRun) async throws -> ImportOutcome {
        guard portable.run.status != .running else {
            throw StoreError.importOfRunningRun(uuid: portable.run.uuid.uuidString.lowercased())
        }
        try Testbed.validate(portable.run.testbed)
        let prepared = portable.specs.map { $0.preparedForStorage() }
        return try await write(durable: true) { connection in
            let reader = SQLiteReader(connection: connection)
            if let existing = try reader.run(uuid: portable.run.uuid) { return .alreadyPresent(id: existing.id) }
            let run = portable.run
            let parent = try portable.parentUUID.flatMap { try reader.run(uuid: $0) }?.id
            try connection.execute(
                """
                INSERT INTO runs (uuid, testbed, started_at, ended_at, status, reason, suite, label, git_commit, tool_version,
                                  configuration, purpose, parent_run_id, host, pid, process_start)
                VALUES (?, ?, \(Timestamp.fromParameter), \(Timestamp.fromParameter), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')
                """,
                [
                    run.uuid.uuidString.lowercased(), run.testbed, Timestamp.parameter(run.startedAt),
                    run.endedAt.map(Timestamp.parameter), run.status.rawValue, run.reason, run.suite, run.label,
                    run.gitCommit,
                    run.toolVersion, run.configurationJSON,
                    parent == nil ? RunPurpose.main.rawValue : run.purpose.rawValue,
                    parent, run.host, run.pid,
                ])
            let id = connection.lastInsertedRowID
            if let environment = portable.environment { try Self.insertEnvironment(environment, runID: id, connection) }
            let recordedAt = run.endedAt ?? run.startedAt
            for (spec, summaries) in prepared {
                try Self.insertSpec(spec, summaries: summaries, runID: id, recordedAt: recordedAt, connection)
            }
            let (decisions, alerts) = try portable.decisionsAndAlerts(numberedBy: reader)
            var latestDecision: Int64?
            // The alerts belong to the run's verdict, its latest standing decision.
            for decision in decisions {
                let stored = try Self.insertDecision(decision, runID: id, connection)
                if decision.standing { latestDecision = stored }
            }
            for alert in alerts { try Self.insertAlert(alert, runID: id, decisionID: latestDecision, connection) }
            return .stored(id: id)
        }
    }
}
