import BenchModel
import Foundation
import Regression
import RegressionFixtures
import Reporting
import ResultsStore
import Testing

extension ReportDecision {
    /// A stored decision this version cannot read: enough to say "the run was gated".
    static var fixture: ReportDecision? {
        ReportDecision([
            DecisionRecord(
                runID: 3, decidedAt: Date(timeIntervalSince1970: 1_767_232_800), toolVersion: "0.1.0", passed: false,
                alertCount: 1, baseline: .none, document: #"{"formatVersion": 99}"#)
        ])
    }
}

@Suite struct RunStateTests {
    /// Every state reads differently in words and in its symbol, and has its own class: none is
    /// told by colour alone.
    @Test func everyStateHasItsOwnWordSymbolAndClass() {
        let states = RunState.allCases
        #expect(Set(states.map(\.word)).count == states.count)
        #expect(Set(states.map(\.cssClass)).count == states.count)
        // Failed and alert share ✗ (both fail); every other symbol is the state's own.
        let symbols = states.filter { $0 != .failed }.map(\.symbol)
        #expect(Set(symbols).count == symbols.count)
        #expect(RunState.passed.label == "✓ passed")
        #expect(RunState.notGated.label == "○ not gated")
        #expect(RunState.wouldAlert.label == "△ would alert")
    }

    @Test func aReportVerdictWithoutADecisionWouldAlertAndOneWithADecisionAlerted() {
        var verdict = ReportVerdict(status: .alert, headline: "x", alerts: ["a"])
        #expect(RunState.of(verdict) == .wouldAlert)
        verdict.decision = ReportDecision.fixture
        #expect(RunState.of(verdict) == .alerted)
        verdict.expected = ["a"]
        #expect(RunState.of(verdict) == .expected)
        verdict.expected = []
        verdict.noise = ["a"]
        #expect(RunState.of(verdict) == .noise)
        var clean = ReportVerdict(status: .clean, headline: "x")
        #expect(RunState.of(clean) == .notGated)
        clean.decision = ReportDecision.fixture
        #expect(RunState.of(clean) == .passed)
        #expect(RunState.of(ReportVerdict(status: .missing, headline: "x")) == .missing)
        var failed = ReportVerdict(status: .failed, headline: "x")
        #expect(RunState.of(failed) == .failed)
        failed.decision = ReportDecision.fixture
        #expect(RunState.of(failed) == .incomplete)
    }

    /// An alert whose own test calls the difference noise (p ≥ 0.05) suggests `--confirm`.
    @Test func aNoiseAlertSuggestsConfirmation() {
        let noisy = ReportSample.result
        guard var alert = noisy.alerts.first(where: { $0.metric == .creationTime }) else {
            Issue.record("the sample must alert on creation")
            return
        }
        alert.pValue = 0.421
        let run = RunRecord(
            id: 3, uuid: UUID(), testbed: "t", startedAt: Date(timeIntervalSince1970: 1_767_232_800),
            endedAt: nil, status: .completed, reason: nil, suite: "quick", label: nil, gitCommit: nil,
            toolVersion: "0.1.0", configurationJSON: "{}", purpose: .main, parentRunID: nil, host: "h", pid: 1)
        let verdict = ReportVerdict.of(run: run, comparison: noisy, alerts: [alert], checks: [], cpus: 8)
        #expect(verdict.noise == [alert.message])
        #expect(
            verdict.details.contains { $0.contains("p = 0.421); re-run the gate with --confirm 3") },
            "\(verdict.details)")
    }
}

@Suite struct UngatedSiteTests {
    static func run(_ id: Int64) -> RunRecord {
        RunRecord(
            id: id, uuid: UUID(), testbed: "t",
            startedAt: Date(timeIntervalSince1970: 1_767_232_800 + Double(id) * 3600),
            endedAt: nil, status: .completed, reason: nil, suite: "quick", label: nil, gitCommit: nil,
            toolVersion: "0.1.0", configurationJSON: "{}", purpose: .main, parentRunID: nil, host: "h", pid: 1)
    }

    /// Runs 1–3 steady, 4 and 5 60 % slower, none gated: 4 would alert against run 3, the latest
    /// earlier run whose verdict did not fail; 5 is judged against 4 (4 has no stored alert, so
    /// the gate's default policy takes it as the baseline), so 5 is within the limit.
    @Test func anUngatedRunBeyondALimitWouldAlert() {
        let runs = (1...5).map(Self.run)
        let creation: [Int64: Double] = [1: 0.40, 2: 0.41, 3: 0.40, 4: 0.64, 5: 0.65]
        let overview = SiteOverview(
            runs: runs, keyFigures: [.creationTime: creation, .parallelEfficiency: [:]], alerts: [:],
            decisions: [:], baselineNames: [:], cpus: [:], history: nil)
        let site = HistorySite(overview: overview, configuration: RegressionConfiguration())
        let index = site.indexPage()
        #expect(index.contains("<tr class=\"state-would-alert\"><td><a href=\"run-4.html\">"), "\(index)")
        #expect(index.contains("<tr class=\"state-not-gated\"><td><a href=\"run-5.html\">"))
        #expect(index.contains("△ would alert"))
        // With a pinned baseline, every run is judged against it.
        var pinned = overview
        pinned.baselineNames = [1: ["default"]]
        let judged = HistorySite(overview: pinned, configuration: RegressionConfiguration()).indexPage()
        #expect(judged.contains("<tr class=\"state-would-alert\"><td><a href=\"run-5.html\">"))
    }
}
