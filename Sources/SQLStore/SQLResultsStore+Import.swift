import BenchModel
import Foundation
import ResultsStore

extension SQLResultsStore {
    package func importRun(_ portable: PortableRun) async throws -> ImportOutcome {
        guard portable.run.status != .running else {
            throw StoreError.importOfRunningRun(uuid: portable.run.uuid.uuidString.lowercased())
        }
        try Testbed.validate(portable.run.testbed)
        let specs = portable.specs.map { spec in
            let (result, summaries) = spec.preparedForStorage()
            return SpecRows(result, summaries: summaries)
        }
        return try await write(.durable) { connection in
            let reader = SQLReader(connection)
            let run = portable.run
            let parent = try portable.parentUUID.flatMap { try reader.run(uuid: $0) }?.id
            let inserted = try connection.firstRow(
                """
                INSERT INTO runs (uuid, testbed, started_at, ended_at, status, reason, suite, label, git_commit, tool_version,
                                  configuration, purpose, parent_run_id, host, pid, process_start)
                VALUES (\(run.uuid), \(run.testbed), \(run.startedAt), \(run.endedAt), \(run.status.rawValue), \(run.reason),
                        \(run.suite), \(run.label), \(run.gitCommit), \(run.toolVersion), \(run.configurationJSON),
                        \(parent == nil ? RunPurpose.main.rawValue : run.purpose.rawValue), \(parent), \(run.host),
                        \(run.pid), '')
                ON CONFLICT (uuid) DO NOTHING
                RETURNING id
                """, { try $0.int64("id") })
            // Present already (perhaps copied by another host a moment ago): nothing is written.
            guard let id = inserted else {
                guard let existing = try reader.run(uuid: run.uuid) else {
                    throw StoreError.duplicateRun(uuid: run.uuid.uuidString.lowercased())
                }
                return .alreadyPresent(id: existing.id)
            }
            try connection.storeDecisionHead(run: id, links: [])
            if let environment = portable.environment { try connection.insertEnvironment(environment, runID: id) }
            let recordedAt = run.endedAt ?? run.startedAt
            for spec in specs
            where try !connection.insertSpec(spec, runID: id, recordedAt: recordedAt, requireRunning: false).stored {
                throw StoreError.specAlreadyRecorded(runID: id, spec: spec.spec)
            }
            let (decisions, alerts) = try portable.decisionsAndAlerts(numberedBy: reader)
            var latestDecision: Int64?
            // The alerts belong to the run's verdict, its latest standing decision.
            for decision in decisions {
                let stored = try connection.insertDecision(
                    decision, references: try decision.baseline.runsJSON(), runID: id)
                if decision.standing { latestDecision = stored }
            }
            for alert in alerts { try connection.insertAlert(alert, runID: id, decisionID: latestDecision) }
            return .stored(id: id)
        }
    }

    package func catchUpDecisions(
        of portable: PortableRun, baselineFiles: [StoredBaselineFile], into runID: Int64
    ) async throws -> DecisionCatchUp {
        try await write(.durable) { connection in
            let reader = SQLReader(connection)
            _ = try SQLReader.run(runID, locked: true, connection)
            for file in baselineFiles {
                try connection.execute(
                    """
                    INSERT INTO baseline_files (sha256, content, stored_at)
                    VALUES (\(file.sha256), \(file.content), \(portable.run.endedAt ?? portable.run.startedAt))
                    ON CONFLICT (sha256) DO NOTHING
                    """)
            }
            let held = try reader.decisions(run: runID)
            let catchUp = DecisionCatchUp(source: portable.decisions, target: held)
            guard case .later(let later) = catchUp else { return catchUp }
            let (numbered, alerts) = try portable.decisionsAndAlerts(numberedBy: reader)
            var standing: Int64?
            for decision in numbered.suffix(later.count) {
                let stored = try connection.insertDecision(
                    decision, references: try decision.baseline.runsJSON(), runID: runID)
                if decision.standing { standing = stored }
            }
            // A later standing decision is the run's verdict now: its alerts are the run's.
            if let standing {
                try connection.execute("DELETE FROM alerts WHERE run_id = \(runID)")
                for alert in alerts { try connection.insertAlert(alert, runID: runID, decisionID: standing) }
            }
            return catchUp
        }
    }
}
