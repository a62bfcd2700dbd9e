import BenchModel
import ResultsStore

/// The columns the queries select for each record, under the names `StoredRow+Records.swift`
/// reads them by. Times are selected as whole milliseconds (`*_ms`), which each dialect computes
/// from its own time type.
package enum StoredColumns {
    /// A ``RunRecord`` from `runs`.
    package static let run: SQL = """
        id, uuid, testbed, \(.milliseconds("started_at")) AS started_ms, \(.milliseconds("ended_at")) AS ended_ms, \
        status, reason, suite, label, git_commit, tool_version, configuration, purpose, parent_run_id, host, pid
        """

    /// A `MetricSummary` from `summaries s` joined with `metrics m`.
    package static let summary = SQL(
        verbatim: "m.name AS metric, s.n AS n, s.mean AS mean, s.median AS median, s.min AS min, s.max AS max, "
            + "s.stddev AS stddev, s.p95 AS p95")

    /// A ``RecordedSample`` from `samples s`, `spec_results sr` and `metrics m`.
    package static let sample = SQL(
        verbatim: "sr.spec AS spec, m.name AS metric, s.iteration AS iteration, s.value AS value, "
            + LifecyclePhase.allCases.map { "s.\(RecordedSample.column(of: $0)) AS \(RecordedSample.column(of: $0))" }
            .joined(separator: ", "))

    /// A ``DecisionRecord`` from `decisions` (not aliased), with the number of alerts stored under it.
    package static let decision: SQL = """
        id, run_id, \(.milliseconds("decided_at")) AS decided_ms, tool_version, verdict, alert_count, missing_count, \
        standing, baseline_kind, baseline_name, baseline_label, baseline_runs, baseline_sha256, document, digest, \
        previous_id, previous_digest, \
        (SELECT count(*) FROM alerts a WHERE a.decision_id = decisions.id) AS stored_alerts
        """

    /// An ``AlertRecord`` from `alerts`.
    package static let alert: SQL = """
        baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change, moved_phase, message, \
        \(.milliseconds("created_at")) AS created_ms
        """

    /// A ``BaselineRecord`` from `baselines`.
    package static let baseline: SQL = "testbed, name, run_id, \(.milliseconds("created_at")) AS created_ms, note"

    /// The environment columns, in the order of the `environments` table after `run_id`.
    package static let environment = [
        "host", "cpu_model", "cpu_count", "memory_bytes", "kernel", "os", "docker_version", "api_version",
        "containerd_version", "runc_version", "storage_driver", "cgroup_version", "default_runtime", "image_id",
        "seccomp_profile_hash",
    ]
}
