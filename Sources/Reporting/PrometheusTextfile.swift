import BenchModel
import Foundation
import Regression
import ResultsStore

/// A run's key figures and alert count for node_exporter's textfile collector: `*.prom` in
/// the Prometheus text format, replaced atomically after every run.
///
///     sandbox_bench_run_timestamp_seconds 1764122400.123
///     sandbox_bench_run_status{status="completed"} 1
///     sandbox_bench_alerts 1
///     sandbox_bench_creation_seconds{statistic="median"} 0.412
package enum PrometheusTextfile {
    static let statistics: [(String, @Sendable (MetricSummary) -> Double)] = [
        ("median", { $0.median }), ("mean", { $0.mean }), ("p95", { $0.p95 }), ("min", { $0.min }), ("max", { $0.max }),
    ]
    /// Families of one metric each, reported with every statistic.
    static let figures: [(name: String, metric: MetricID, help: String)] = [
        (
            "sandbox_bench_creation_seconds", .creationTime,
            "Container create + start time (creation.create_start_s) of the run's samples."
        ),
        (
            "sandbox_bench_e2e_cycle_seconds", "e2e.cycle_s",
            "End-to-end sandbox cycle time (e2e.cycle_s) of the run's samples."
        ),
        (
            "sandbox_bench_parallel_efficiency_ratio", .parallelEfficiency,
            "Parallel efficiency, speedup / containers (parallel.efficiency)."
        ),
        (
            "sandbox_bench_parallel_speedup_ratio", "parallel.speedup",
            "Parallel speedup over sequential runs (parallel.speedup)."
        ),
    ]
    /// Count metrics, reported as their total over the run's samples.
    static let totals: [(name: String, metric: MetricID, help: String)] = [
        (
            "sandbox_bench_cleanup_failures", .cleanupFailures,
            "Containers whose removal failed in the cleanup spec (cleanup.failures, total)."
        ),
        ("sandbox_bench_e2e_failures", .e2eFailures, "Failed end-to-end cycles (e2e.failures, total)."),
        (
            "sandbox_bench_leftover_containers", .leftoverContainers,
            "Containers of the run still present after it ended (run.leftover_containers)."
        ),
        (
            "sandbox_bench_security_violations", "security.violations",
            "Sandbox security posture violations (security.violations, total)."
        ),
    ]

    /// The file's text from figures at hand.
    package static func render(
        run: RunRecord, summaries: [MetricSummary], alertCount: Int, baselineLabel: String? = nil
    ) -> String {
        var exposition = PrometheusExposition()
        var info: [(String, String)] = [
            ("run_id", String(run.id)), ("suite", run.suite), ("tool_version", run.toolVersion),
        ]
        if let label = run.label { info.append(("label", label)) }
        if let commit = run.gitCommit { info.append(("commit", commit)) }
        if let baselineLabel { info.append(("baseline", baselineLabel)) }
        exposition.gauge(
            "sandbox_bench_run_info", help: "The run the other sandbox_bench figures come from; always 1.",
            samples: [.init(labels: info, value: 1)])
        exposition.gauge(
            "sandbox_bench_run_timestamp_seconds", help: "When the run started, in seconds since 1970-01-01 UTC.",
            value: run.startedAt.timeIntervalSince1970)
        exposition.gauge(
            "sandbox_bench_run_duration_seconds", help: "How long the run took, from start to end.",
            value: run.endedAt.map { $0.timeIntervalSince(run.startedAt) })
        exposition.gauge(
            "sandbox_bench_run_status", help: "1 for the run's status, 0 for the other statuses.",
            samples: RunStatus.allCases.map {
                .init(labels: [("status", $0.rawValue)], value: $0 == run.status ? 1 : 0)
            })
        exposition.gauge(
            "sandbox_bench_alerts", help: "Regression alerts the run raised against its baseline.",
            value: Double(alertCount))

        let byMetric = Dictionary(summaries.map { ($0.metric, $0) }, uniquingKeysWith: { first, _ in first })
        for figure in figures {
            let samples = byMetric[figure.metric].map { summary in
                statistics.map { PrometheusExposition.Sample(labels: [("statistic", $0.0)], value: $0.1(summary)) }
            }
            exposition.gauge(figure.name, help: figure.help, samples: samples ?? [])
        }
        for total in totals {
            exposition.gauge(
                total.name, help: total.help,
                value: byMetric[total.metric].map { HistoryWindow.figure(of: $0, statistic: .total) })
        }
        let overheads = summaries.filter { $0.metric.quantity == "overhead_pct" }.map { summary in
            PrometheusExposition.Sample(
                labels: [("spec", summary.metric.spec), ("statistic", "median")], value: summary.median)
        }
        exposition.gauge(
            "sandbox_bench_overhead_percent",
            help: "Overhead over the direct baseline, in percent (<spec>.overhead_pct, median).",
            samples: overheads)
        return exposition.text
    }

    /// Writes the file atomically: temporary file in the same folder, fsync, rename; its missing
    /// folders are created first.
    package static func write(
        run: RunRecord, summaries: [MetricSummary], alertCount: Int, baselineLabel: String? = nil, to path: String
    ) throws {
        try AtomicFile.write(
            render(run: run, summaries: summaries, alertCount: alertCount, baselineLabel: baselineLabel), to: path,
            createFolder: true)
    }
}
