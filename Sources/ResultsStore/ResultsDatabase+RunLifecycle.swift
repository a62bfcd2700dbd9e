import BenchModel
import Foundation

extension ResultsDatabase {
    /// Stores a new run as `running`, owned by this process, and returns its id.
    public func beginRun(_ run: NewRun) throws -> Int64 {
        if run.purpose == .confirmation && run.parentRunID == nil { throw StoreError.confirmationWithoutParent }
        let owner = ProcessIdentity.current
        return try write { connection in
            if let parent = run.parentRunID { _ = try Self.fetchRun(parent, connection) }
            try connection.execute(
                """
                INSERT INTO runs (started_at, status, suite, label, git_commit, tool_version, configuration,
                                  purpose, parent_run_id, host, pid, process_start)
                VALUES (\(Timestamp.fromParameter), 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    Timestamp.parameter(run.startedAt), run.suite, run.label, run.gitCommit, run.toolVersion,
                    run.configurationJSON, run.purpose.rawValue, run.parentRunID, owner.host, owner.pid, owner.start,
                ])
            return connection.lastInsertedRowID
        }
    }

    /// Stores what the run ran on; a second call for the same run replaces the first.
    public func recordEnvironment(_ environment: EnvironmentFingerprint, for runID: Int64) throws {
        try write { connection in
            _ = try Self.fetchRun(runID, connection)
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
    }

    /// Closes a running run as completed, failed or aborted.
    public func finishRun(_ runID: Int64, status: RunStatus, reason: String? = nil, endedAt: Date = Date()) throws {
        guard status != .running else { throw StoreError.finishedAsRunning(id: runID) }
        try write(durable: true) { connection in
            let run = try Self.fetchRun(runID, connection)
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
                RunningRun(id: row.int64(0), owner: ProcessIdentity(host: row.text(1), pid: Int32(truncatingIfNeeded: row.int64(2)), start: row.text(3)))
            }
        }
        let gone = running.filter { $0.owner.isGone }
        guard !gone.isEmpty else { return [] }
        return try write { connection in
            var aborted: [Int64] = []
            for run in gone {
                let reason = "Its process (pid \(run.owner.pid) on \(run.owner.host)) ended without finishing the run."
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

private struct RunningRun: Sendable {
    var id: Int64
    var owner: ProcessIdentity
}
