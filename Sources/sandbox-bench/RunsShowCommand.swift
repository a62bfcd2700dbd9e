import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract:
            "Show one run: its identity, summaries, checks, failures, notes, gate decisions, alerts and environment.",
        discussion: """
            With --json, prints everything stored about the run, raw samples included. \
            Exits 2 when there is no run with that id.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The id of the run, as `sandbox-bench runs list` shows it.", transform: RunID.parse)
    var id: Int64

    @Flag(help: "Print everything stored about the run as JSON, raw samples included.")
    var json = false

    func run() async throws {
        try await database.withStore(.readOnly) { store in
            let detail = try await store.read { [id] in try $0.detail(run: id) }
            CommandOutput.show(json ? try CommandOutput.json(detail) : TerminalSafe.block(Self.text(of: detail)))
        }
    }

    static func text(of detail: RunDetail) -> String {
        let run = detail.run
        let safe = TerminalSafe.inline
        var lines = ["Run \(run.id): \(run.status.rawValue)" + (run.reason.map { ", \(safe($0))" } ?? "")]
        let ended =
            run.endedAt.map {
                " to \(CommandOutput.utc($0)) (\(MetricUnit.seconds.format($0.timeIntervalSince(run.startedAt))))"
            } ?? ""
        lines.append("  uuid \(run.uuid.uuidString.lowercased()), testbed \(safe(run.testbed))")
        lines.append("  started \(CommandOutput.utc(run.startedAt))\(ended)")
        lines.append(
            "  suite \(run.suite), label \(run.label.map(safe) ?? "-"), commit \(run.gitCommit.map(safe) ?? "-"), sandbox-bench \(run.toolVersion)"
        )
        lines.append(
            "  \(run.purpose.rawValue)" + (run.parentRunID.map { " run confirming run \($0)" } ?? " run")
                + ", written by pid \(run.pid) on \(run.host)")
        if !detail.baselines.isEmpty {
            lines.append("  baseline: " + detail.baselines.map(safe).joined(separator: ", "))
        }
        if !detail.confirmationRunIDs.isEmpty {
            lines.append("  confirmed by runs " + detail.confirmationRunIDs.map(String.init).joined(separator: ", "))
        }
        if let environment = detail.environment {
            lines += ["", "Environment"]
            lines.append(
                "  Docker \(environment.dockerVersion) (API \(environment.apiVersion)), containerd \(environment.containerdVersion), runc \(environment.runcVersion), runtime \(environment.defaultRuntime)"
            )
            lines.append(
                "  \(environment.os), kernel \(environment.kernel), cgroup v\(environment.cgroupVersion), storage \(environment.storageDriver)"
            )
            lines.append(
                "  \(environment.cpuCount) × \(environment.cpuModel), \(environment.memoryBytes / 1_048_576) MiB, host \(environment.host)"
            )
            lines.append("  image \(environment.imageID), seccomp profile \(environment.seccompProfileHash)")
        }
        if !detail.summaries.isEmpty {
            let header = ["METRIC", "N", "MEDIAN", "MEAN", "MIN", "MAX", "P95"]
            // Each figure in its unit's one format ("0.412 s", "12.5 %", "0.340", "2").
            let rows = detail.summaries.map { summary in
                [summary.metric.rawValue, String(summary.n)]
                    + [summary.median, summary.mean, summary.min, summary.max, summary.p95].map(summary.unit.format)
            }
            lines += ["", "Summaries", indent(CommandOutput.table([header] + rows))]
        }
        let checks = detail.specs.flatMap { spec in spec.checks.map { (spec.spec, $0) } }
        if !checks.isEmpty {
            lines += ["", "Checks"]
            lines += checks.map { spec, check in
                let verdict = check.passed ? "ok    " : (check.informational ? "info  " : "FAILED")
                return "  \(verdict) \(spec): \(safe(check.name)) (\(safe(check.detail)))"
            }
        }
        let failures = detail.specs.flatMap { spec in spec.failures.map { (spec.spec, $0) } }
        if !failures.isEmpty {
            lines += ["", "Failures"]
            for (spec, failure) in failures {
                lines.append(
                    "  \(spec) \(failure.metric?.rawValue ?? "") iteration \(failure.iteration): \(safe(failure.reason))"
                )
                let output = failure.output.split(whereSeparator: \.isNewline).prefix(5)
                lines += output.map { "      | \(safe(String($0)))" }
            }
        }
        let notes = detail.specs.flatMap { spec in spec.notes.map { "  \(spec.spec): \(safe($0))" } }
        if !notes.isEmpty { lines += ["", "Notes"] + notes }
        if !detail.decisions.isEmpty {
            let entries = detail.decisions.map(StoredVerdict.Entry.init(record:))
            lines +=
                ["", "Decisions (each gate evaluation, oldest first; the latest standing one is the run's verdict)"]
                + DecisionText.lines(entries)
        }
        if !detail.alerts.isEmpty {
            lines += ["", "Alerts (of the verdict)"]
            // The alerts are the verdict's: against a baseline file, they name the file, never a stored run.
            let verdictBaseline = detail.decisions.verdict?.baseline
            let file = verdictBaseline?.kind == "file" ? verdictBaseline?.label.map(safe) : nil
            lines += detail.alerts.map { alert in
                let against =
                    file ?? alert.baselineName.map { "baseline \(safe($0))" } ?? alert.baselineRunID.map { "run \($0)" }
                    ?? "a deleted run"
                return "  \(safe(alert.rule)): \(safe(alert.message)) (against \(against))"
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
