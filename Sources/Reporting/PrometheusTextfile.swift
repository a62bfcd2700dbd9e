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
    /// Families of one metric each, reported with every statistic; a help text names its metric.
    static let figures: [(name: String, metric: Metric, help: String)] = [
        figure("sandbox_bench_creation_seconds", Metric.creation.createStart) {
            "Container create + start time (\($0)) of the run's samples."
        },
        figure("sandbox_bench_e2e_cycle_seconds", Metric.e2e.cycle) {
            "End-to-end sandbox cycle time (\($0)) of the run's samples."
        },
        figure("sandbox_bench_parallel_efficiency_ratio", Metric.parallel.efficiency) {
            "Parallel efficiency, speedup / containers (\($0))."
        },
        figure("sandbox_bench_parallel_speedup_ratio", Metric.parallel.speedup) {
            "Parallel speedup over sequential runs (\($0))."
        },
    ]
    /// Count metrics, reported as their total over the run's samples.
    static let totals: [(name: String, metric: Metric, help: String)] = [
        figure("sandbox_bench_cleanup_failures", Metric.cleanup.failures) {
            "Containers whose removal failed in the cleanup spec (\($0), total)."
        },
        figure("sandbox_bench_e2e_failures", Metric.e2e.failures) { "Failed end-to-end cycles (\($0), total)." },
        figure("sandbox_bench_leftover_containers", Metric.run.leftoverContainers) {
            "Containers of the run still present after it ended (\($0))."
        },
        figure("sandbox_bench_security_violations", Metric.security.violations) {
            "Sandbox security posture violations (\($0), total)."
        },
    ]
    /// The overheads over a direct baseline, one series each, labelled with their spec.
    static let overheads: [Metric] =
        OverheadMetrics.Code.allCases.map(Metric.overhead.overhead.callAsFunction)
        + [Metric.warm.overhead, Metric.seccomp.overhead]

    /// A family's name, metric and help text, which names the metric.
    private static func figure(_ name: String, _ metric: Metric, help: (Metric) -> String) -> (String, Metric, String) {
        (name, metric, help(metric))
    }

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
            let samples = byMetric[figure.metric.id].map { summary in
                statistics.map { PrometheusExposition.Sample(labels: [("statistic", $0.0)], value: $0.1(summary)) }
            }
            exposition.gauge(figure.name, help: figure.help, samples: samples ?? [])
        }
        for total in totals {
            exposition.gauge(
                total.name, help: total.help,
                value: byMetric[total.metric.id].map { HistoryWindow.figure(of: $0, statistic: .total) })
        }
        let overheadSamples = summaries.filter { summary in Self.overheads.contains { $0.id == summary.metric } }.map {
            summary in
            PrometheusExposition.Sample(
                labels: [("spec", summary.metric.spec), ("statistic", "median")], value: summary.median)
        }
        exposition.gauge(
            "sandbox_bench_overhead_percent",
            help: "Overhead over the direct baseline, in percent (<spec>.overhead_pct, median).",
            samples: overheadSamples)
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
