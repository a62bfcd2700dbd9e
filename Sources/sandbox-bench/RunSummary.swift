import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Regression
import Reporting

/// The table `sandbox-bench run` prints when a run ends: one row per metric (n, median, mean, and
/// the original pytest suite's check on it), then failed checks, notes and failures in plain words.
enum RunSummary {
    static func render(_ outcome: BenchmarkRun.Outcome, wallSeconds: Double) -> String {
        let results = outcome.results.filter { $0.spec != "run" || !$0.failures.isEmpty }
        let samples = results.reduce(0) { $0 + $1.samples.count }
        let failures = results.reduce(0) { $0 + $1.failures.count }
        let specs = results.filter { $0.spec != "run" }.count
        var lines = [
            "Run \(outcome.runID) \(outcome.status.rawValue) in \(ElapsedTime.describe(wallSeconds)): "
                + "\(ValueFormat.count(specs, "spec")), \(ValueFormat.count(samples, "sample")), "
                + "\(ValueFormat.count(failures, "failure"))"
                + (outcome.reason.map { " — \(TerminalSafe.inline($0))" } ?? "")
        ]
        // Said before the figures: timings of a busy host are the host's as much as the sandbox's.
        let busy = HostLoadSummary.busySpecs(of: outcome.results)
        if !busy.isEmpty {
            lines.append(
                "Measured on a BUSY host, after busy iterations were measured again: "
                    + busy.map { "\($0.spec) (\($0.load))" }.joined(separator: ", ")
                    + ". Relative alerts on those specs are withheld, and the run is no baseline.")
        }
        lines.append("")
        lines += table(results)

        let checks = results.flatMap(\.checks)
        let failedChecks = checks.filter { !$0.passed }
        if !failedChecks.isEmpty {
            lines.append("")
            lines.append("Checks not met (\(failedChecks.count) of \(checks.count)):")
            for check in failedChecks {
                lines.append(
                    "  ✗ \(check.name)\(check.informational ? " (informational)" : ""): \(TerminalSafe.inline(check.detail))"
                )
            }
        }
        // Every text an engine or a container produced stays on its line: the summary is a table.
        let notes = results.flatMap { result in result.notes.map { "\(result.spec): \(TerminalSafe.inline($0))" } }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += notes.map { "  - \($0)" }
        }
        let failureLines = results.flatMap { result in
            result.failures.map { failure in
                let iteration = failure.iteration < 0 ? "warm-up \(-failure.iteration)" : "#\(failure.iteration + 1)"
                let output = failure.output.isEmpty ? "" : " — output: \(oneLine(failure.output, limit: 160))"
                return "  - \(result.spec) \(iteration): \(TerminalSafe.inline(failure.reason))\(output)"
            }
        }
        if !failureLines.isEmpty {
            lines.append("")
            lines.append("Failures (\(failureLines.count)):")
            lines += failureLines.prefix(20)
            if failureLines.count > 20 {
                lines.append("  … and \(failureLines.count - 20) more: sandbox-bench runs show \(outcome.runID)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ results: [SpecResult]) -> [String] {
        var rows: [[String]] = [["metric", "n", "median", "mean", "check"]]
        for result in results {
            let checks = result.checks
            for metric in result.metrics {
                let values = result.values(of: metric)
                guard let summary = MetricSummary(metric: metric, values: values) else { continue }
                let own = checks.filter { $0.metric == metric }
                let check: String
                if own.isEmpty {
                    check = ""
                } else if own.allSatisfy(\.passed) {
                    check = "✓"
                } else {
                    check = own.contains { !$0.passed && !$0.informational } ? "✗" : "✗ (informational)"
                }
                rows.append([
                    metric.rawValue, "\(summary.n)", metric.unit.format(summary.median),
                    metric.unit.format(summary.mean), check,
                ])
            }
        }
        return TextTable.lines(rows, rightAligned: [1, 2, 3])
    }

    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
