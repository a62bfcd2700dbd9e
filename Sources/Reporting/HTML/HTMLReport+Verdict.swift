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
        let state = RunState.of(verdict)
        page.element("section", ["class": "verdict \(tone) \(state.cssClass)", "id": "verdict"]) { section in
            section.element("p", ["class": "headline"]) { headline in
                headline.element("span", ["class": "badge \(state.cssClass)"], text: state.label)
                headline.text(" " + verdict.headline)
            }
            section.element("p", ["class": "decision"], text: decision(report))
            if !verdict.alerts.isEmpty {
                section.element("ul", ["class": "alerts"]) { list in
                    for alert in verdict.alerts {
                        let expected = verdict.expected.contains(alert)
                        // Rows to link to exist only where the page compares (not on the site's run pages).
                        let metric = report.comparison == nil ? nil : report.source(ofAlert: alert)?.metric
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
            if !verdict.missing.isEmpty {
                section.element("ul", ["class": "alerts missing"]) { list in
                    for missing in verdict.missing { list.element("li", text: "Missing: " + missing) }
                }
            }
            reevaluation(report, into: &section)
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

    /// The verdict's provenance: the gate's stored decision (when, with which limits, against
    /// what), or why there is none.
    static func decision(_ report: RunReport) -> String {
        if let decision = report.verdict.decision { return decision.sentence }
        guard report.run.status == .completed else { return "Not gated: the run did not complete." }
        return report.comparison == nil
            ? "Not gated: no gate decision is stored for this run."
            : "Not gated: this verdict is the report's own comparison, with the rules it was asked for."
    }

    /// The comparison the report was asked for, beside the stored decision.
    static func reevaluation(_ report: RunReport, into section: inout HTMLBuilder) {
        guard let reevaluation = report.verdict.reevaluation else { return }
        section.element("div", ["class": "reevaluation \(reevaluation.status.rawValue)"]) { box in
            box.element(
                "p",
                text: reevaluation.sentence
                    + " The metric table and the charts show this re-evaluation; the verdict is the stored decision above."
            )
            guard !reevaluation.alerts.isEmpty else { return }
            box.element("ul", ["class": "alerts"]) { list in
                for alert in reevaluation.alerts {
                    list.element("li", reevaluation.expected.contains(alert) ? ["class": "expected"] : [:], text: alert)
                }
            }
        }
    }

    /// Sentences for the verdict box, each with the id of the section that explains it.
    static func findings(_ report: RunReport, differencesFrom: String = "the baseline") -> [(String, String)] {
        var findings: [(String, String)] = []
        // Said first: what the profile gave up is the context of every figure below.
        if let weakened = IsolationProperty.weakeningSentence(inNotes: report.notes.map(\.text)) {
            findings.append((weakened, "notes"))
        }
        if let busy = HostLoadFacts(report.summaries) {
            findings.append((busy.sentence, "trend-\(busy.chart.id.rawValue)"))
        }
        if !report.environmentDifferences.isEmpty {
            let list = report.environmentDifferences.map { "\($0.field) \($0.baseline) → \($0.current)" }.joined(
                separator: "; ")
            findings.append(("The environment differs from \(differencesFrom): \(list).", "environment"))
        }
        if !report.failures.isEmpty {
            let specs = Set(report.failures.map(\.spec)).sorted().joined(separator: ", ")
            findings.append(
                (
                    "\(ValueFormat.count(report.failures.count, "iteration")) lost: no valid sample (\(specs)).",
                    "failures"
                ))
        }
        if !report.containersNotRemoved.isEmpty {
            findings.append(
                (
                    "\(ValueFormat.count(report.containersNotRemoved.count, "container")) could not be removed.",
                    "failures"
                ))
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
