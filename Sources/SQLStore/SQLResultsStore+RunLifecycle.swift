import BenchModel
import Foundation
import ResultsStore

/// A run's own writes: begun, its environment, its specs, finished. Each is idempotent by the
/// run's identity, so a driver may try it again after a lost connection (``SQLRetry/always``):
/// tried again (`attempt` > 0), a write that finds its earlier attempt's commit takes it as done.
extension SQLResultsStore {
    package func beginRun(_ run: NewRun) async throws -> Int64 {
        if run.purpose == .confirmation && run.parentRunID == nil { throw StoreError.confirmationWithoutParent }
        try Testbed.validate(run.testbed)
        let owner = ProcessIdentity.current
        // One statement commits on its own; a confirmation run's parent is checked in the same transaction.
        return try await write(SQLWrite(retry: .always, oneStatement: run.parentRunID == nil)) {
            try $0.insertRun(run, owner: owner)
        }
    }

    package func recordEnvironment(_ environment: EnvironmentFingerprint, for runID: Int64) async throws {
        // An upsert: the same row however often it runs.
        try await write(SQLWrite(retry: .always, oneStatement: true)) { connection in
            guard try connection.insertEnvironment(environment, runID: runID) else {
                throw StoreError.unknownRun(id: runID)
            }
        }
    }

    /// One transaction per spec; a driver that stores a spec in one statement (PostgreSQL) needs
    /// one round trip.
    package func recordSpec(_ spec: SpecResult, for runID: Int64, recordedAt: Date) async throws {
        let (result, summaries) = spec.preparedForStorage()
        let rows = SpecRows(result, summaries: summaries)
        try await write(SQLWrite(retry: .always, oneStatement: true)) {
            try $0.storeSpec(rows, runID: runID, recordedAt: recordedAt)
        }
    }

    package func finishRun(_ runID: Int64, status: RunStatus, reason: String?, endedAt: Date) async throws {
        guard status != .running else { throw StoreError.finishedAsRunning(id: runID) }
        try await write(SQLWrite(durable: true, retry: .always)) {
            try $0.closeRun(runID, status: status, reason: reason, endedAt: endedAt)
        }
    }

    /// Marks `aborted` every `running` run whose process on this host has ended. Its end time
    /// is the last moment it was seen alive: when its last spec was recorded, else its start.
    /// Another host's runs are never judged from here.
    @discardableResult
    package func abortRunsOfGoneProcesses() async throws -> [Int64] {
        let host = ProcessIdentity.hostName
        let running = try await database.read { connection in
            try connection.rows(
                "SELECT id, host, pid, process_start FROM runs WHERE status = 'running' AND host = \(host)"
            ) { row in
                (
                    id: try row.int64("id"),
                    owner: ProcessIdentity(
                        host: try row.text("host"), pid: Int32(truncatingIfNeeded: try row.int64("pid")),
                        start: try row.text("process_start"))
                )
            }
        }
        let gone = running.filter { $0.owner.isGone }.map { (id: $0.id, pid: $0.owner.pid) }
        guard !gone.isEmpty else { return [] }
        // Each update changes a run that is still running: running it twice changes nothing more.
        return try await write(SQLWrite(retry: .always)) { connection in
            var aborted: [Int64] = []
            for run in gone {
                let reason = "Its process (pid \(run.pid) on \(host)) ended without finishing the run."
                let changed = try connection.execute(
                    """
                    UPDATE runs SET status = 'aborted', reason = \(reason),
                        ended_at = coalesce((SELECT max(recorded_at) FROM spec_results WHERE run_id = runs.id), started_at)
                    WHERE id = \(run.id) AND status = 'running'
                    """)
                if changed > 0 { aborted.append(run.id) }
            }
            return aborted
        }
    }
}

extension SQLConnection {
    /// Inserts the run as `running`, owned by `owner`, and returns its id. A run with its UUID is
    /// refused, unless this is a later attempt and the run is the one `owner` began: the earlier
    /// attempt's commit, whose id is returned.
    package func insertRun(_ run: NewRun, owner: ProcessIdentity) throws -> Int64 {
        if let parent = run.parentRunID { _ = try SQLReader.run(parent, locked: false, self) }
        let inserted = try firstRow(
            """
            INSERT INTO runs (uuid, testbed, started_at, status, suite, label, git_commit, tool_version, configuration,
                              purpose, parent_run_id, host, pid, process_start)
            VALUES (\(run.uuid), \(run.testbed), \(run.startedAt), 'running', \(run.suite), \(run.label), \(run.gitCommit),
                    \(run.toolVersion), \(run.configurationJSON), \(run.purpose.rawValue), \(run.parentRunID),
                    \(owner.host), \(owner.pid), \(owner.start))
            ON CONFLICT (uuid) DO NOTHING
            RETURNING id
            """, { try $0.int64("id") })
        if let inserted {
            // A run starts with the head of no decision: one that loses it later has lost decisions.
            try storeDecisionHead(run: inserted, links: [])
            return inserted
        }
        guard attempt > 0,
            let own = try firstRow(
                """
                SELECT id FROM runs WHERE uuid = \(run.uuid) AND host = \(owner.host) AND pid = \(owner.pid)
                    AND process_start = \(owner.start) AND status = 'running'
                """, { try $0.int64("id") })
        else { throw StoreError.duplicateRun(uuid: run.uuid.uuidString.lowercased()) }
        return own
    }

    /// Stores (or replaces) what a run ran on, in one statement; false when there is no such run.
    @discardableResult
    package func insertEnvironment(_ environment: EnvironmentFingerprint, runID: Int64) throws -> Bool {
        let values: [any SQLBindable] = [
            environment.host, environment.cpuModel, environment.cpuCount, environment.memoryBytes, environment.kernel,
            environment.os, environment.dockerVersion, environment.apiVersion, environment.containerdVersion,
            environment.runcVersion, environment.storageDriver, environment.cgroupVersion,
            environment.defaultRuntime, environment.imageID, environment.seccompProfileHash,
        ]
        let columns = StoredColumns.environment
        let bound = SQL.joined(values.map { SQL(pieces: [.value($0.sqlValue)]) }, separator: ", ")
        let updates = columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return try execute(
            """
            INSERT INTO environments (run_id, \(SQL(verbatim: columns.joined(separator: ", "))))
            SELECT id, \(bound) FROM runs WHERE id = \(runID)
            ON CONFLICT (run_id) DO UPDATE SET \(SQL(verbatim: updates))
            """) > 0
    }

    /// Stores a spec of a running run, once: tried again after a lost connection, a spec already
    /// there is the earlier attempt's commit (the run's read-back checks that the store holds
    /// every row of it).
    package func storeSpec(_ rows: SpecRows, runID: Int64, recordedAt: Date) throws {
        let outcome = try insertSpec(rows, runID: runID, recordedAt: recordedAt, requireRunning: true)
        guard let status = outcome.runStatus else { throw StoreError.unknownRun(id: runID) }
        guard status == .running else { throw StoreError.runNotRunning(id: runID, status: status) }
        guard outcome.stored || attempt > 0 else {
            throw StoreError.specAlreadyRecorded(runID: runID, spec: rows.spec)
        }
    }

    /// Closes a running run. Tried again after a lost connection, a run already closed with this
    /// status and reason is the earlier attempt's commit.
    package func closeRun(_ runID: Int64, status: RunStatus, reason: String?, endedAt: Date) throws {
        // The update locks the run and sees its latest status; when it changes nothing, the run says why.
        let changed = try execute(
            """
            UPDATE runs SET status = \(status.rawValue), reason = \(reason), ended_at = \(endedAt)
            WHERE id = \(runID) AND status = 'running'
            """)
        guard changed == 0 else { return }
        let run = try SQLReader.run(runID, locked: false, self)
        if attempt > 0, run.status == status, run.reason == reason { return }
        throw StoreError.runNotRunning(id: runID, status: run.status)
    }
}
