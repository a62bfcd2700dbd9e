import BenchModel
import Foundation
import Regression
import ResultsStore

extension HTMLReport {
    static func environment(_ report: RunReport, into page: inout HTMLBuilder, differencesFrom: String = "the baseline")
    {
        page.element("h2", ["id": "environment"], text: "Environment")
        if !report.environmentDifferences.isEmpty {
            page.element(
                "p", ["class": "meta"],
                text:
                    "\(ValueFormat.count(report.environmentDifferences.count, "difference")) from \(differencesFrom) that can move the figures:"
            )
            let headers = [("field", false), ("before", false), ("this run", false)]
            page.table(report.environmentDifferences, cssClass: "environment-differences", headers: headers) {
                difference, table in
                table.element("tr", ["class": "diff"]) { row in
                    row.element("td", text: difference.field)
                    row.element("td", text: difference.baseline)
                    row.element("td", text: difference.current)
                }
            }
        } else if report.baseline != nil {
            page.element(
                "p", ["class": "meta"], text: "No difference from the baseline’s environment that can move the figures."
            )
        }
        guard let environment = report.environment else {
            page.element(
                "p", ["class": "empty"], text: "The run recorded no environment (for example, Docker was unreachable).")
            return
        }
        let rows: [(String, String)] = [
            ("host", environment.host),
            ("CPU", "\(environment.cpuCount) × \(environment.cpuModel)"),
            ("memory", "\(environment.memoryBytes / 1_048_576) MiB"),
            ("OS", environment.os),
            ("kernel", environment.kernel),
            ("Docker", "\(environment.dockerVersion) (API \(environment.apiVersion))"),
            ("containerd", environment.containerdVersion),
            ("runc", environment.runcVersion),
            ("sandbox runtime", environment.defaultRuntime),
            ("storage driver", environment.storageDriver),
            ("cgroup version", environment.cgroupVersion),
            ("sandbox image id", environment.imageID),
            ("seccomp profile", environment.seccompProfileHash),
        ]
        page.table(rows, cssClass: "environment", headers: []) { field, table in
            table.element("tr") { row in
                row.element("th", text: field.0)
                row.element("td") { $0.element("code", text: field.1) }
            }
        }
    }

    /// What the gate stored, when the run was gated: it may have used other rules than this report.
    static func storedAlerts(_ report: RunReport, into page: inout HTMLBuilder) {
        guard !report.storedAlerts.isEmpty else { return }
        page.element("h2", ["id": "stored-alerts"], text: "Alerts stored by the gate")
        let headers = [("rule", false), ("against", false), ("message", false), ("stored", false)]
        page.table(report.storedAlerts, cssClass: "stored-alerts", headers: headers) { alert, table in
            table.element("tr") { row in
                row.element("td", text: alert.rule)
                row.element("td", text: alert.against)
                row.element("td", text: alert.message)
                row.element("td", text: ReportDate.minute(alert.createdAt))
            }
        }
    }

    static func notesAndFailures(_ report: RunReport, into page: inout HTMLBuilder) {
        page.element("h2", ["id": "notes"], text: "Notes")
        if report.notes.isEmpty {
            page.element("p", ["class": "empty"], text: "No note.")
        } else {
            page.element("ul", ["class": "notes"]) { list in
                for note in report.notes {
                    list.element("li") { item in
                        item.element("code", text: note.spec)
                        item.text(": " + note.text)
                    }
                }
            }
        }
        page.element("h2", ["id": "failures"], text: "Failures")
        let removed = report.containerCount - report.containersNotRemoved.count
        page.element(
            "p", ["class": "meta"],
            text: "\(ValueFormat.count(report.failures.count, "iteration")) without a valid sample; "
                + "\(removed) of \(ValueFormat.count(report.containerCount, "container")) removed.")
        if !report.failures.isEmpty {
            let headers = [
                ("spec", false), ("metric", false), ("iteration", true), ("reason and container output", false),
            ]
            page.table(report.failures, cssClass: "failures", headers: headers) { recorded, table in
                let failure = recorded.failure
                table.element("tr") { row in
                    row.element("td", text: recorded.spec)
                    row.element("td") { $0.element("code", text: failure.metric?.rawValue ?? "—") }
                    row.element("td", ["class": "num"], text: String(failure.iteration))
                    row.element("td") { cell in
                        cell.text(failure.reason)
                        if !failure.output.isEmpty { cell.element("pre", text: failure.output) }
                    }
                }
            }
        }
        if !report.containersNotRemoved.isEmpty {
            let headers = [
                ("spec", false), ("container", false), ("iteration", true), ("why it was not removed", false),
            ]
            page.table(report.containersNotRemoved, cssClass: "containers", headers: headers) { recorded, table in
                table.element("tr") { row in
                    row.element("td", text: recorded.spec)
                    row.element("td") { $0.element("code", text: String(recorded.container.id.prefix(12))) }
                    row.element("td", ["class": "num"], text: String(recorded.container.iteration))
                    row.element("td", text: recorded.container.removalError ?? "the engine did not confirm the removal")
                }
            }
        }
    }
}

extension AlertRecord {
    /// What the alert compared with, for the tables of stored alerts.
    var against: String {
        baselineName.map { "baseline “\($0)”" } ?? baselineRunID.map { "run \($0)" } ?? "a deleted run"
    }
}
