import BenchModel
import Foundation

extension ResultsDatabase {
    /// The checks of run `id` against the seed's targets, in the order they were recorded.
    public func checks(run runID: Int64) throws -> [RecordedCheck] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT sr.spec, c.name, c.passed, c.informational, c.detail
                FROM checks c JOIN spec_results sr ON sr.id = c.spec_result_id
                WHERE sr.run_id = ? ORDER BY c.id
                """, [runID]
            ) { row in
                RecordedCheck(
                    spec: row.text(0),
                    check: CheckResult(name: row.text(1), passed: row.bool(2), informational: row.bool(3), detail: row.text(4)))
            }
        }
    }

    /// The iterations of run `id` that produced no valid sample.
    public func failures(run runID: Int64) throws -> [RecordedFailure] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT sr.spec, f.metric, f.iteration, f.reason, f.output
                FROM failures f JOIN spec_results sr ON sr.id = f.spec_result_id
                WHERE sr.run_id = ? ORDER BY f.id
                """, [runID]
            ) { row in
                RecordedFailure(
                    spec: row.text(0),
                    failure: SampleFailure(
                        metric: row.optionalText(1).map(MetricID.init(rawValue:)), iteration: row.int(2), reason: row.text(3),
                        output: row.text(4)))
            }
        }
    }

    public func notes(run runID: Int64) throws -> [RecordedNote] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT sr.spec, n.text FROM notes n JOIN spec_results sr ON sr.id = n.spec_result_id
                WHERE sr.run_id = ? ORDER BY n.id
                """, [runID]
            ) { RecordedNote(spec: $0.text(0), text: $0.text(1)) }
        }
    }

    /// Every container run `id` created, and whether its removal succeeded.
    public func containers(run runID: Int64) throws -> [RecordedContainer] {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.rows(
                """
                SELECT sr.spec, c.container_id, c.iteration, c.removed, c.removal_error
                FROM containers c JOIN spec_results sr ON sr.id = c.spec_result_id
                WHERE sr.run_id = ? ORDER BY c.id
                """, [runID]
            ) { row in
                RecordedContainer(
                    spec: row.text(0),
                    container: ContainerRecord(
                        id: row.text(1), iteration: row.int(2), removed: row.bool(3), removalError: row.optionalText(4)))
            }
        }
    }

    /// What run `id` ran on, or nil when the runner did not record it (for example when Docker was unreachable).
    public func environment(run runID: Int64) throws -> EnvironmentFingerprint? {
        try read { connection in
            _ = try Self.fetchRun(runID, connection)
            return try connection.firstRow(
                """
                SELECT host, cpu_model, cpu_count, memory_bytes, kernel, os, docker_version, api_version,
                       containerd_version, runc_version, storage_driver, cgroup_version, default_runtime, image_id,
                       seccomp_profile_hash
                FROM environments WHERE run_id = ?
                """, [runID]
            ) { row in
                EnvironmentFingerprint(
                    host: row.text(0), cpuModel: row.text(1), cpuCount: row.int(2), memoryBytes: row.int64(3),
                    kernel: row.text(4), os: row.text(5), dockerVersion: row.text(6), apiVersion: row.text(7),
                    containerdVersion: row.text(8), runcVersion: row.text(9), storageDriver: row.text(10),
                    cgroupVersion: row.text(11), defaultRuntime: row.text(12), imageID: row.text(13),
                    seccompProfileHash: row.text(14))
            }
        }
    }
}
