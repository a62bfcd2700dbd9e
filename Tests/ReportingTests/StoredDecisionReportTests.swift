import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore
import Testing

@testable import Reporting

/// A gated run's report shows the decision the gate stored — its alerts, when, with which
/// limits — and a report asked for with other rules shows a re-evaluation beside it.
@Suite struct StoredDecisionReportTests {
    /// What `report` does with no rule flags: the stored decision's rules, else the defaults.
    static func asStored(_ stored: RegressionConfiguration?) -> RegressionConfiguration {
        stored ?? StoredRuns.configuration
    }

    static func report(
        _ runs: StoredRuns, _ id: Int64, baseline: String? = nil,
        rules: @escaping ReportLoader.Rules = asStored
    ) async throws -> RunReport {
        try await ReportLoader(store: runs.database, rules: rules).report(run: String(id), baseline: baseline)
    }

    static var tenPercent: RegressionConfiguration {
        var configuration = StoredRuns.configuration
        configuration.maxCreationSlowdown = 0.1
        return configuration
    }

    /// A run whose profile gave up isolation (the security spec's note) says so in the verdict
    /// box, before any figure, escaped; a run without that note does not.
    @Test func aWeakenedProfileIsSaidInTheVerdictBox() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        var report = try await Self.report(runs, runs.regressed)
        #expect(!HTMLReport.render(report).contains("gives up isolation"))
        report.notes.append(
            RecordedNote(
                spec: "security",
                text: IsolationProperty.weakeningNoteLead
                    + " a sandbox for untrusted code should keep: runs as root (user <b>0</b>: uid 0)"))
        let html = HTMLReport.render(report)
        let said = try #require(
            html.range(
                of: "The sandbox profile gives up isolation a sandbox for untrusted code should keep: runs as root "
                    + "(user &lt;b&gt;0&lt;/b&gt;: uid 0)"))
        let trends = try #require(html.range(of: "Trends"))
        #expect(said.lowerBound < trends.lowerBound, "said before the figures")
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("- ⚠️ The sandbox profile gives up isolation"), "\(markdown)")
    }

    @Test func aReportWithDefaultFlagsShowsTheStoredDecisionAndItsLimits() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let gated = try await StoredRuns.gate(runs.regressed, database: runs.database, configuration: Self.tenPercent)
        let report = try await Self.report(runs, runs.regressed)

        let decision = try #require(report.verdict.decision)
        #expect(decision.limits == ["maxCreationSlowdown 10 %"])
        #expect(decision.decisionCount == 2)
        #expect(decision.decidedAt == ReportDate.millisecondPrecision(gated.decision.decidedAt))
        #expect(decision.baseline.label == "baseline \"default\" (run \(runs.baseline))")
        #expect(report.verdict.reevaluation == nil)
        #expect(report.verdict.status == .alert)
        #expect(report.verdict.alerts == gated.alerts.map(\.message))
        #expect(report.verdict.alerts.first?.contains("10 % limit") == true)
        // The table shows the stored comparison: its alert leads.
        let triage = MetricTriage(
            try #require(report.comparison), standing: report.verdict.alerts, expected: report.verdict.expected)
        #expect(triage.rows.first?.comparison.metric == .creationTime)
        #expect(triage.rows.first?.group == .alert)

        let html = HTMLReport.render(report)
        #expect(html.contains("made with maxCreationSlowdown 10 %, against baseline"))
        #expect(html.contains("the latest of 2 decisions"))
        #expect(!html.contains("Re-evaluated"))
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("made with maxCreationSlowdown 10 %"))
        let decoded = try JSONReport.decode(try JSONReport.render(report))
        #expect(decoded.verdict.decision == decision)
        #expect(decoded.formatVersion == 2)
    }

    @Test func otherRulesAreAReevaluationBesideTheStoredDecision() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        try await StoredRuns.gate(runs.regressed, database: runs.database, configuration: Self.tenPercent)
        let report = try await Self.report(runs, runs.regressed) { stored in
            var configuration = stored ?? .init()
            configuration.maxCreationSlowdown = 0.6
            return configuration
        }
        #expect(report.verdict.status == .alert)
        #expect(report.verdict.decision?.limits == ["maxCreationSlowdown 10 %"])
        let reevaluation = try #require(report.verdict.reevaluation)
        #expect(reevaluation.changes == ["maxCreationSlowdown 60 %"])
        #expect(reevaluation.status == .clean)
        #expect(reevaluation.sentence == "Re-evaluated with maxCreationSlowdown 60 %: no alert.")
        // The table and the charts show the re-evaluation: no alert row, the limit at +60 %.
        #expect(report.verdict.tableAlerts.alerts.isEmpty)
        let limit = report.trend(of: .creationTime)?.references.first { $0.kind == .alertLimit }
        #expect(limit?.label.hasPrefix("alert above +60 %") == true)
        let html = HTMLReport.render(report)
        #expect(html.contains("Re-evaluated with maxCreationSlowdown 60 %: no alert."))
        #expect(html.contains("made with maxCreationSlowdown 10 %"))
        #expect(MarkdownReport.render(report).contains("Re-evaluated with maxCreationSlowdown 60 %: no alert."))
    }

    @Test func anotherBaselineIsAReevaluationToo() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await Self.report(runs, runs.regressed, baseline: String(runs.ids[1]))
        let reevaluation = try #require(report.verdict.reevaluation)
        #expect(
            reevaluation.changes == [
                "against run \(runs.ids[1]) instead of baseline \"default\" (run \(runs.baseline))"
            ])
        #expect(report.baseline?.runIDs == [runs.ids[1]])
        #expect(report.verdict.decision?.baseline.label == "baseline \"default\" (run \(runs.baseline))")
        // The same baseline as the decision's is no re-evaluation.
        let same = try await Self.report(runs, runs.regressed, baseline: BaselineResolver.defaultName)
        #expect(same.verdict.reevaluation == nil)
    }

    @Test func theLatestDecisionIsTheVerdict() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        var lenient = StoredRuns.configuration
        lenient.maxCreationSlowdown = 0.6
        try await StoredRuns.gate(runs.regressed, database: runs.database, configuration: lenient)
        let report = try await Self.report(runs, runs.regressed)
        #expect(report.verdict.status == .clean)
        #expect(report.verdict.decision?.passed == true)
        #expect(report.verdict.decision?.decisionCount == 2)
        #expect(report.verdict.reevaluation == nil)
        #expect(HTMLReport.decision(report).contains("no alert, made with maxCreationSlowdown 60 %"))
    }

    @Test func aRunNeverGatedShowsItsComparisonAsNotGated() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await Self.report(runs, runs.ids[1])
        #expect(report.verdict.decision == nil)
        #expect(report.verdict.reevaluation == nil)
        #expect(report.verdict.status == .clean)
        #expect(HTMLReport.decision(report).hasPrefix("Not gated"))
    }

    @Test func aRunStillBeingWrittenHasAReportWithoutAVerdict() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let running = try await runs.database.beginRun(NewRun(suite: "full", label: "tonight", startedAt: Date()))
        try await runs.database.recordSpec(StoredRuns.creation(base: 0.3, factor: 1), for: running, recordedAt: Date())
        let report = try await ReportLoader(store: runs.database, rules: Self.asStored).report(run: String(running))
        #expect(report.run.id == running)
        #expect(report.comparison == nil)
        #expect(report.verdict.decision == nil)
        // `report` with no run names the latest completed one, and says which newer one it passed over.
        let (latest, note) = try await ReportLoader(store: runs.database, rules: Self.asStored).chosenReport(run: nil)
        #expect(latest.run.id == runs.regressed)
        #expect(
            note == "Run \(running) (still running) is newer but did not complete; this is run \(runs.regressed), "
                + "the latest completed run.")
    }

    @Test func aDecisionSaysWhichFileAndWhichReRunsMadeIt() throws {
        let file = GateDecision.ConfigurationFile(path: "gate.json", content: #"{"maxCreationSlowdown": 0.1}"#)
        let decision = GateDecision(
            decidedAt: Date(timeIntervalSince1970: 1_767_232_800), configuration: Self.tenPercent,
            configurationFile: file,
            baseline: BaselineReference(
                kind: "named", name: "default", label: "baseline \"default\" (run 1)", runs: []),
            outcomes: [], confirmation: GateDecision.Confirmation(requested: 2, runIDs: [7, 8], reproduced: [:]))
        let record = DecisionRecord(
            runID: 6, decidedAt: decision.decidedAt, toolVersion: "0.1.0", passed: true, alertCount: 0,
            baseline: decision.baseline,
            document: try decision.document())
        let shown = try #require(ReportDecision([record]))
        #expect(shown.configurationFile?.sha256 == file.sha256)
        #expect(
            shown.sentence
                == "Gate decision of 2026-01-01 02:00 UTC (sandbox-bench 0.1.0): no alert, made with maxCreationSlowdown 10 % "
                + "and the configuration file gate.json (\(file.shortHash)), against baseline \"default\" (run 1). "
                + "Alerts that noise can move were re-run 2 times (run 7, run 8).")
        // A decision this version cannot read still says when it was made and what it found.
        let unreadable = DecisionRecord(
            runID: 6, decidedAt: decision.decidedAt, toolVersion: "9.0.0", passed: false, alertCount: 1,
            baseline: .none,
            document: #"{"formatVersion": 99}"#)
        let partial = try #require(ReportDecision([record, unreadable]))
        #expect(partial.limits == nil)
        #expect(partial.sentence.contains("1 alert, made with rules this version of sandbox-bench cannot read"))
        #expect(ReportDecision([]) == nil)
    }

    @Test func theSiteShowsEachRunsStoredDecision() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        try await StoredRuns.gate(runs.regressed, database: runs.database, configuration: Self.tenPercent)
        let site = runs.directory.file("site")
        _ = try await SitePublisher(store: runs.database, configuration: StoredRuns.configuration).publish(into: site)
        let pages = try HistorySiteTests.pages(in: site)
        let index = try #require(pages["index.html"])
        func verdict(_ id: Int64) throws -> String? {
            try HistorySiteTests.values(
                index, "//*[local-name()='tr'][.//@href='run-\(id).html']/*[local-name()='td'][4]"
            ).first
        }
        #expect(try verdict(runs.regressed) == "✗ 1 alert")
        #expect(try verdict(runs.ids[1]) == "○ not gated")
        #expect(try verdict(runs.failed) == "✗ failed")
        let page = try #require(pages["run-\(runs.regressed).html"]).rootElement()?.stringValue ?? ""
        #expect(page.contains("made with maxCreationSlowdown 10 %, against baseline \"default\""))
        #expect(page.contains("the latest of 2 decisions"))
        let ungated = try #require(pages["run-\(runs.ids[1]).html"]).rootElement()?.stringValue ?? ""
        #expect(ungated.contains("Not gated: no gate decision is stored for this run."))
        // A new decision makes the run's page stale: the next call renders it again.
        try await StoredRuns.gate(runs.regressed, database: runs.database)
        let again = try await SitePublisher(store: runs.database, configuration: StoredRuns.configuration).publish(
            into: site)
        #expect(again.written.contains("run-\(runs.regressed).html"))
        #expect(again.written.filter { $0.hasPrefix("run-") } == ["run-\(runs.regressed).html"])
    }
}
