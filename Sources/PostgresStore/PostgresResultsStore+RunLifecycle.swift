import BenchModel
import Foundation
import PostgresNIO
import ResultsStore

extension PostgresResultsStore {
    package func beginRun(_ run: NewRun) async throws -> Int64 {
        if run.purpose == .confirmation && run.parentRunID == nil { throw StoreError.confirmationWithoutParent }
        try Testbed.validate(run.testbed)
        let owner = ProcessIdentity.current
        // A single statement commits on its own; a confirmation run's parent is checked in the same transaction.
        let insert: @Sendable (PostgresSession) throws -> Int64 = { try Self.insertRun(run, owner: owner, $0) }
        return try await run.parentRunID == nil ? perform(retry: .always, insert) : write(retry: .always, insert)
    }

    /// Inserts the run as `running`, owned by `owner`, and returns its id. Tried again after a
    /// lost connection (`session.attempt` > 0), a running run with its UUID that `owner` began is
    /// the earlier attempt's commit, and its id is returned.
    static func insertRun(_ run: NewRun, owner: ProcessIdentity, _ session: PostgresSession) throws -> Int64 {
        if let parent = run.parentRunID { _ = try PostgresReader.fetchRun(parent, session) }
        let uuid = run.uuid.uuidString.lowercased()
        let inserted = try session.firstRow(
            """
            INSERT INTO runs (uuid, testbed, started_at, status, suite, label, git_commit, tool_version, configuration,
                              purpose, parent_run_id, host, pid, process_start)
            VALUES (\(uuid), \(run.testbed), \(PostgresTimestamp.parameter(run.startedAt)), 'running', \(run.suite), \(run.label),
                    \(run.gitCommit), \(run.toolVersion), \(run.configurationJSON), \(run.purpose.rawValue), \(run.parentRunID),
                    \(owner.host), \(owner.pid), \(owner.start))
            ON CONFLICT (uuid) DO NOTHING
            RETURNING id
            """)
        if let id = try inserted?.int64("id") { return id }
        guard session.attempt > 0,
            let own = try session.firstRow(
                """
                SELECT id FROM runs WHERE uuid = \(uuid) AND host = \(owner.host) AND pid = \(owner.pid)
                    AND process_start = \(owner.start) AND status = 'running'
                """)
        else { throw StoreError.duplicateRun(uuid: uuid) }
        return try own.int64("id")
    }

    package func recordEnvironment(_ environment: EnvironmentFingerprint, for runID: Int64) async throws {
        // An upsert: the same row however often it runs.
        try await perform(retry: .always) { session in
            guard try Self.insertEnvironment(environment, runID: runID, session) else {
                throw StoreError.unknownRun(id: runID)
            }
        }
    }

    /// Stores (or replaces) what a run ran on, in one statement; false when there is no such run.
    @discardableResult
    static func insertEnvironment(_ environment: EnvironmentFingerprint, runID: Int64, _ session: PostgresSession)
        throws -> Bool
    {
        try session.execute(
            """
            INSERT INTO environments (
                run_id, host, cpu_model, cpu_count, memory_bytes, kernel, os, docker_version, api_version,
                containerd_version, runc_version, storage_driver, cgroup_version, default_runtime, image_id,
                seccomp_profile_hash)
            SELECT id, \(environment.host), \(environment.cpuModel), \(Int64(environment.cpuCount)), \(environment.memoryBytes),
                   \(environment.kernel), \(environment.os), \(environment.dockerVersion), \(environment.apiVersion),
                   \(environment.containerdVersion), \(environment.runcVersion), \(environment.storageDriver),
                   \(environment.cgroupVersion), \(environment.defaultRuntime), \(environment.imageID), \(environment.seccompProfileHash)
            FROM runs WHERE id = \(runID)
            ON CONFLICT (run_id) DO UPDATE SET
                host = excluded.host, cpu_model = excluded.cpu_model, cpu_count = excluded.cpu_count,
                memory_bytes = excluded.memory_bytes, kernel = excluded.kernel, os = excluded.os,
                docker_version = excluded.docker_version, api_version = excluded.api_version,
                containerd_version = excluded.containerd_version, runc_version = excluded.runc_version,
                storage_driver = excluded.storage_driver, cgroup_version = excluded.cgroup_version,
                default_runtime = excluded.default_runtime, image_id = excluded.image_id,
                seccomp_profile_hash = excluded.seccomp_profile_hash
            """) > 0
    }

    package func finishRun(_ runID: Int64, status: RunStatus, reason: String?, endedAt: Date) async throws {
        guard status != .running else { throw StoreError.finishedAsRunning(id: runID) }
        try await write(durable: true, retry: .always) { session in
            try Self.closeRun(runID, status: status, reason: reason, endedAt: endedAt, session)
        }
    }

    /// Closes a running run. Tried again after a lost connection (`session.attempt` > 0), a run
    /// already closed with this status and reason is the earlier attempt's commit.
    static func closeRun(
        _ runID: Int64, status: RunStatus, reason: String?, endedAt: Date, _ session: PostgresSession
    ) throws {
        // The update locks the run and sees its latest status; when it changes nothing, the run says why.
        let changed = try session.execute(
            """
            UPDATE runs SET status = \(status.rawValue), reason = \(reason), ended_at = \(PostgresTimestamp.parameter(endedAt))
            WHERE id = \(runID) AND status = 'running'
            """)
        guard changed == 0 else { return }
        let run = try PostgresReader.fetchRun(runID, session)
        if session.attempt > 0, run.status == status, run.reason == reason { return }
        throw StoreError.runNotRunning(id: runID, status: run.status)
    }

    /// The run, locked until the transaction ends: a run's status is checked and changed by one
    /// writer at a time, whichever host it runs on.
    static func lockRun(_ id: Int64, _ session: PostgresSession) throws -> RunRecord {
        guard
            let run = try session.firstRow(
                "SELECT \(unescaped: PostgresReader.runColumns) FROM runs WHERE id = \(id) FOR UPDATE"
            ).map(PostgresReader.runRecord)
        else { throw StoreError.unknownRun(id: id) }
        return run
    }

    /// Marks `aborted` every `running` run whose process on this host has ended. Its end time
    /// is the last moment it was seen alive: when its last spec was recorded, else its start.
    @discardableResult
    func abortRunsOfGoneProcesses() async throws -> [Int64] {
        let host = ProcessIdentity.hostName
        let running = try await perform { session in
            try session.rows(
                "SELECT id, host, pid, process_start FROM runs WHERE status = 'running' AND host = \(host)"
            ).map { row in
                (
                    id: try row.int64("id"),
                    owner: ProcessIdentity(
                        host: try row.text("host"), pid: try row.value("pid", as: Int32.self),
                        start: try row.text("process_start"))
                )
            }
        }
        let gone = running.filter { $0.owner.isGone }.map { (id: $0.id, owner: $0.owner) }
        guard !gone.isEmpty else { return [] }
        // Each update changes a run that is still running: running it twice changes nothing more.
        return try await write(retry: .always) { session in
            var aborted: [Int64] = []
            for run in gone {
                let reason = "Its process (pid \(run.owner.pid) on \(run.owner.host)) ended without finishing the run."
                let changed = try session.execute(
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
