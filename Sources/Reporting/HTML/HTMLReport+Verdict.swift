import BenchModel
import Foundation
import Regression
import ResultsStore

extension HTMLReport {
    /// The box at the top: the headline, what the gate decided when it judged the run, the
    /// alerts in plain words, then what else needs a look — environment changes, lost
    /// iterations, containers left behind, change points, failed checks — each linking to its
    /// section. Alerts this tool expects on the host are amber, not red.
    /// `differencesFrom` names what the environment differences are measured against.
    static func verdict(_ report: RunReport, into page: inout HTMLBuilder, differencesFrom: String = "the baseline") {
        let verdict = report.verdict
        let tone = verdict.isExpectedOnHost ? "expected" : verdict.status.rawValue
        page.element("section", ["class": "verdict \(tone)", "id": "verdict"]) { section in
            section.element("p", ["class": "headline"], text: verdict.headline)
            section.element("p", ["class": "decision"], text: decision(report))
            if !verdict.alerts.isEmpty {
                section.element("ul", ["class": "alerts"]) { list in
                    for alert in verdict.alerts {
                        let expected = verdict.expected.contains(alert)
                        let metric = report.comparison?.outcomes.first { $0.message == alert }?.metric
                        list.element("li", expected ? ["class": "expected"] : [:]) { item in
                            item.text(alert)
                            if let metric {
                                item.text(" ")
                                item.element("a", ["href": "#metric-\(metric.rawValue)"], text: "row")
                            }
                        }
                    }
                }
            }
            let findings = self.findings(report, differencesFrom: differencesFrom)
            if !findings.isEmpty || !verdict.details.isEmpty {
                section.element("ul", ["class": "details"]) { list in
                    for (text, anchor) in findings {
                        list.element("li") { item in
                            item.text(text + " ")
                            item.element("a", ["href": "#\(anchor)"], text: "see below")
                        }
                    }
                    for detail in verdict.details { list.element("li", text: detail) }
                }
            }
        }
    }

    /// What the gate stored for the run. The typed, stored gate decision (rules in force,
    /// baseline, outcomes, confirmation runs) slots in here once the store keeps it; until then
    /// the gate's stored alerts are its decision.
    static func decision(_ report: RunReport) -> String {
        guard let first = report.storedAlerts.first else {
            return report.run.status == .completed
                ? "Gate: no alert stored for this run (not gated, or gated without an alert)."
                : "Gate: the run did not complete, so it was not gated."
        }
        let against = first.baselineName.map { "baseline “\($0)”" } ?? first.baselineRunID.map { "run \($0)" } ?? "a deleted run"
        return "Gate: \(ValueFormat.count(report.storedAlerts.count, "alert")) stored on \(ReportDate.minute(first.createdAt)) against \(against)."
    }

    /// Sentences for the verdict box, each with the id of the section that explains it.
    static func findings(_ report: RunReport, differencesFrom: String = "the baseline") -> [(String, String)] {
        var findings: [(String, String)] = []
        if !report.environmentDifferences.isEmpty {
            let list = report.environmentDifferences.map { "\($0.field) \($0.baseline) → \($0.current)" }.joined(separator: "; ")
            findings.append(("The environment differs from \(differencesFrom): \(list).", "environment"))
        }
        if !report.failures.isEmpty {
            let specs = Set(report.failures.map(\.spec)).sorted().joined(separator: ", ")
            findings.append(("\(ValueFormat.count(report.failures.count, "iteration")) lost: no valid sample (\(specs)).", "failures"))
        }
        if !report.containersNotRemoved.isEmpty {
            findings.append(("\(ValueFormat.count(report.containersNotRemoved.count, "container")) could not be removed.", "failures"))
        }
        // The latest level of each metric in the charts' window: what this run is measured against.
        for trend in report.trends {
            if let shift = trend.changePoints.last {
                findings.append(("\(trend.title): change point, \(shift.sentence).", "trend-\(trend.metric.rawValue)"))
            }
        }
        return findings
    }
}
