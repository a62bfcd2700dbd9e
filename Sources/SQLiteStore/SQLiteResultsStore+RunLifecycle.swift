import BenchModel
import Foundation
import ResultsStore

extension SQLiteResultsStore {
    package func beginRun(_ run: NewRun) async throws -> Int64 {
        if run.purpose == .confirmation && run.parentRunID == nil { throw StoreError.confirmationWithoutParent }
        try Testbed.validate(run.testbed)
        let owner = ProcessIdentity.current
        return try await write { connection in
            if let parent = run.parentRunID { _ = try SQLiteReader.fetchRun(parent, connection) }
            let uuid = run.uuid.uuidString.lowercased()
            if try SQLiteReader(connection: connection).run(uuid: run.uuid) != nil {
                throw StoreError.duplicateRun(uuid: uuid)
            }
            try connection.execute(
                """
                INSERT INTO runs (uuid, testbed, started_at, status, suite, label, git_commit, tool_version, configuration,
                                  purpose, parent_run_id, host, pid, process_start)
                VALUES (?, ?, \(Timestamp.fromParameter), 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    uuid, run.testbed, Timestamp.parameter(run.startedAt), run.suite, run.label, run.gitCommit,
                    run.toolVersion,
                    run.configurationJSON, run.purpose.rawValue, run.parentRunID, owner.host, owner.pid, owner.start,
                ])
            return connection.lastInsertedRowID
        }
    }

    package func recordEnvironment(_ environment: EnvironmentFingerprint, for runID: Int64) async throws {
        try await write { connection in
            _ = try SQLiteReader.fetchRun(runID, connection)
            try Self.insertEnvironment(environment, runID: runID, connection)
        }
    }

    /// Stores (or replaces) what a run ran on, in the caller's transaction.
    static func insertEnvironment(_ environment: EnvironmentFingerprint, runID: Int64, _ connection: SQLiteConnection)
        throws
    {
        try connection.execute(
            """
            INSERT OR REPLACE INTO environments (
                run_id, host, cpu_model, cpu_count, memory_bytes, kernel, os, docker_version, api_version,
                containerd_version, runc_version, storage_driver, cgroup_version, default_runtime, image_id,
                seccomp_profile_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                runID, environment.host, environment.cpuModel, environment.cpuCount, environment.memoryBytes,
                environment.kernel, environment.os, environment.dockerVersion, environment.apiVersion,
                environment.containerdVersion, environment.runcVersion, environment.storageDriver,
                environment.cgroupVersion, environment.defaultRuntime, environment.imageID,
                environment.seccompProfileHash,
            ])
    }

    package func finishRun(_ runID: Int64, status: RunStatus, reason: String?, endedAt: Date) async throws {
        guard status != .running else { throw StoreError.finishedAsRunning(id: runID) }
        try await write(durable: true) { connection in
            let run = try SQLiteReader.fetchRun(runID, connection)
            guard run.status == .running else { throw StoreError.runNotRunning(id: runID, status: run.status) }
            try connection.execute(
                "UPDATE runs SET status = ?, reason = ?, ended_at = \(Timestamp.fromParameter) WHERE id = ?",
                [status.rawValue, reason, Timestamp.parameter(endedAt), runID])
        }
    }

    /// Marks `aborted` every `running` run whose process on this host has ended. Its end time
    /// is the last moment it was seen alive: when its last spec was recorded, else its start.
    @discardableResult
    func abortRunsOfGoneProcesses() throws -> [Int64] {
        let running = try withConnection { connection in
            try connection.rows("SELECT id, host, pid, process_start FROM runs WHERE status = 'running'") { row in
                RunningRun(
                    id: try row.int64("id"),
                    owner: ProcessIdentity(
                        host: try row.text("host"), pid: Int32(truncatingIfNeeded: try row.int64("pid")),
                        start: try row.text("process_start")))
            }
        }
        let gone = running.filter { $0.owner.isGone }
        guard !gone.isEmpty else { return [] }
        return try withConnection { connection in
            try Self.write(connection, durable: false) { connection in
                var aborted: [Int64] = []
                for run in gone {
                    let reason =
                        "Its process (pid \(run.owner.pid) on \(run.owner.host)) ended without finishing the run."
                    try connection.execute(
                        """
                        UPDATE runs SET status = 'aborted', reason = ?,
                            ended_at = coalesce((SELECT max(recorded_at) FROM spec_results WHERE run_id = runs.id), started_at)
                        WHERE id = ? AND status = 'running'
                        """,
                        [reason, run.id])
                    if connection.changes > 0 { aborted.append(run.id) }
                }
                return aborted
            }
        }
    }
}

private struct RunningRun: Sendable {
    var id: Int64
    var owner: ProcessIdentity
}
