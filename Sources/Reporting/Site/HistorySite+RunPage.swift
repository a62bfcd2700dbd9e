import BenchModel
import Foundation
import Regression
import ResultsStore

extension HistorySite {
    /// A run's page: its verdict as the gate stored it, its change points, every metric's
    /// figures, the checks, the environment and what changed since the run before, notes and
    /// failures; links to the runs before and after it. The full comparison with a baseline is
    /// the report's (`sandbox-bench report RUN`).
    package func runPage(_ inputs: RunPageInputs) -> String {
        let run = inputs.run
        let index = overview.runs.firstIndex { $0.id == run.id }
        let (previous, next) = index.map(neighbours(of:)) ?? (nil, nil)
        var navigation = [SitePage.indexLink, SitePage.regressionsLink]
        if let previous { navigation.append(("← run \(previous.id)", RunPageLink.fileName(previous.id))) }
        if let next { navigation.append(("run \(next.id) →", RunPageLink.fileName(next.id))) }
        if let href = reportLinks[run.id] { navigation.append(("full report", href)) }
        let report = pageReport(inputs)
        return SitePage.document(
            title: "sandbox-bench · run \(run.id) · \(verdict(of: run).text)", navigation: navigation
        ) { page in
            HTMLReport.header(report, into: &page, withBaseline: false)
            HTMLReport.verdict(report, into: &page, differencesFrom: "the run before")
            let shifts = levelShifts.filter { $0.runID == run.id }
            if !shifts.isEmpty {
                page.element("h2", ["id": "change-points"], text: "Change points at this run")
                page.element("ul", ["class": "notes"]) { list in
                    for shift in shifts {
                        list.element("li") { item in
                            item.element("code", text: shift.metric.rawValue)
                            item.text(": \(shift.sentence), \(shift.isWorse ? "worse" : "better").")
                        }
                    }
                }
            }
            page.element("h2", ["id": "metrics"], text: "Metrics of this run")
            if let href = reportLinks[run.id] {
                page.element("p", ["class": "meta"]) { meta in
                    meta.text(
                        "The run's own figures. Its comparison with a baseline, with intervals and verdicts, is in ")
                    meta.element("a", ["href": href], text: "its report")
                    meta.text(".")
                }
            } else {
                page.element(
                    "p", ["class": "meta"],
                    text:
                        "The run's own figures. Its comparison with a baseline, with intervals and verdicts, is in its "
                        + "report: sandbox-bench report \(run.id).")
            }
            HTMLReport.summaryTable(inputs.summaries, into: &page)
            HTMLReport.checks(report, into: &page)
            HTMLReport.environment(report, into: &page, differencesFrom: "the run before")
            HTMLReport.storedAlerts(report, into: &page)
            HTMLReport.notesAndFailures(report, into: &page)
            page.element(
                "footer", text: "Generated \(ReportDate.minute(generatedAt)) by sandbox-bench \(ToolVersion.current).")
        }
    }

    /// The page as a report without a comparison: its verdict is the gate's latest stored
    /// decision, its environment differences are those from the run before.
    func pageReport(_ inputs: RunPageInputs) -> RunReport {
        let run = inputs.run
        let alerts = overview.alerts[run.id] ?? []
        let cpus = inputs.environment?.cpuCount
        let messages = alerts.map(\.message)
        let expected = alerts.filter { RegressionRule.isExpectedAlert(on: $0.metric, cpus: cpus) }.map(\.message)
        let decision = ReportDecision(inputs.decisions)
        let against = decision?.baseline.label.map { " against \($0)" } ?? " with no baseline to compare with yet"
        var verdict =
            if let unfinished = ReportVerdict.unfinished(run) {
                unfinished
            } else if let decision, !decision.passed, decision.alertCount == 0 {
                ReportVerdict(
                    status: .missing,
                    headline:
                        "Run \(run.id) cannot pass\(against): "
                        + decision.verdict.words(alerts: 0, missing: decision.missingCount) + ".",
                    missing: decision.missing ?? [])
            } else if let decision, !decision.passed {
                ReportVerdict(
                    status: .alert,
                    headline: "Run \(run.id) raised \(ValueFormat.count(decision.alertCount, "alert"))\(against).",
                    alerts: messages, expected: expected)
            } else if decision == nil, case let would = wouldAlert(run), !would.isEmpty {
                ReportVerdict(
                    status: .alert,
                    headline:
                        "Run \(run.id) was not gated; against "
                        + (baselineInForce(for: run).map { "run \($0.id), the baseline the gate would have used," }
                            ?? "no baseline")
                        + " it would raise \(ValueFormat.count(would.count, "alert")).",
                    alerts: would,
                    expected: wouldAlertOnlyAsExpected(run) ? would : [])
            } else {
                ReportVerdict(
                    status: .clean,
                    headline: decision == nil
                        ? "Run \(run.id) completed; it was not gated." : "Run \(run.id) raised no alert\(against).")
            }
        verdict.decision = decision
        let differences =
            inputs.previousEnvironment.flatMap { previous in inputs.environment.map { previous.differences(to: $0) } }
            ?? []
        return RunReport(
            formatVersion: RunReport.currentFormatVersion, generatedAt: generatedAt, toolVersion: ToolVersion.current,
            run: run,
            baselineNames: overview.baselineNames[run.id] ?? [], verdict: verdict,
            baseline: nil, comparison: nil, summaries: inputs.summaries, checks: inputs.checks,
            environment: inputs.environment,
            environmentDifferences: differences, notes: inputs.notes, failures: inputs.failures, containerCount: 0,
            containersNotRemoved: [], storedAlerts: alerts, trends: [],
            phases: PhaseHistory(metric: Metric.creation.createStart.id, runs: []),
            environmentChanges: [])
    }
}
