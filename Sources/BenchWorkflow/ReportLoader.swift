import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

/// Reads what a run's report needs in one snapshot of the store — the run, its baseline, the
/// comparison, the history — and builds the report.
package struct ReportLoader: Sendable {
    /// The rules a report is asked for, given those of the run's stored decision (nil when the
    /// run was never gated). Returning the decision's own rules shows the stored verdict alone.
    package typealias Rules = @Sendable (RegressionConfiguration?) throws -> RegressionConfiguration

    package var store: any ResultsStore
    package var rules: Rules
    /// How many main runs the trend charts show, ending with the reported run.
    package var historyLength: Int

    /// `configuration` is what a run never gated is compared with; a gated run shows its decision.
    package init(
        store: any ResultsStore, configuration: RegressionConfiguration = RegressionConfiguration(),
        historyLength: Int = ReportBuilder.defaultHistoryLength
    ) {
        self.init(store: store, historyLength: historyLength) { $0 ?? configuration }
    }

    package init(
        store: any ResultsStore, historyLength: Int = ReportBuilder.defaultHistoryLength, rules: @escaping Rules
    ) {
        self.store = store
        self.rules = rules
        self.historyLength = max(1, historyLength)
    }

    /// The report of the run `requested` names (an id or `latest`). A gated run's verdict is its
    /// latest stored decision, compared again with that decision's baseline and rules and shown
    /// with the outcomes it stored; other rules or a `baseline` (a name, a run id or `latest`) or
    /// `window` (the last K completed runs) make a re-evaluation beside it. A run never gated is
    /// compared with the baseline `BaselineResolver` picks. A run that did not complete is not
    /// compared, but its baseline is still marked in the charts.
    /// `latest` is `testbed`'s latest completed run (this host's unless another is named).
    package func report(
        run requested: String?, testbed: String = Testbed.defaultName, baseline: String? = nil, window: Int? = nil,
        generatedAt: Date = Date()
    ) async throws -> RunReport {
        try await chosenReport(
            run: requested, testbed: testbed, baseline: baseline, window: window, generatedAt: generatedAt
        ).report
    }

    /// The report as ``report(run:testbed:baseline:window:generatedAt:)`` makes it, with the line
    /// that names the newer runs `latest` passed over because they did not complete.
    package func chosenReport(
        run requested: String?, testbed: String = Testbed.defaultName, baseline: String? = nil, window: Int? = nil,
        generatedAt: Date = Date()
    ) async throws -> (report: RunReport, note: String?) {
        let (rules, historyLength) = (self.rules, self.historyLength)
        let (inputs, configuration, note) = try await store.read { reader in
            let resolver = BaselineResolver(reader)
            let choice = try resolver.choose(requested, testbed: testbed)
            let run = choice.run
            // A run still being written has no verdict yet; its report shows what it has so far.
            let verdict =
                run.status == .running
                ? nil
                : try StoredVerdict.load(
                    reader, candidate: run,
                    request: StoredVerdict.Request(baseline: baseline, window: window, configuration: rules))
            guard run.status == .completed, let verdict, let stored = verdict.stored,
                let decision = verdict.verdict?.decision
            else {
                // Never gated, or not completed: compared as asked (a run that did not complete
                // with nothing), its baseline still marked in the charts.
                let asked = try rules(verdict?.verdict?.decision?.configuration)
                let compared = run.status == .completed ? verdict?.comparison : nil
                let marked =
                    try compared.map(\.baseline) ?? resolver.resolve(for: run, requested: baseline, window: window)
                let inputs = try ReportInputs.read(
                    reader, run: run, baseline: marked.map(ReportBaseline.init), comparison: compared?.result,
                    standingAlerts: nil,
                    historyLength: historyLength, statistic: asked.statistic)
                return (inputs, asked, choice.note)
            }
            let reevaluation = verdict.reevaluation.map { reevaluation in
                ReportInputs.Reevaluation(
                    changes: reevaluation.changes, comparison: reevaluation.comparison.result,
                    baseline: reevaluation.comparison.baseline.map(ReportBaseline.init),
                    configuration: reevaluation.configuration)
            }
            let inputs = try ReportInputs.read(
                reader, run: run, baseline: stored.baseline.map(ReportBaseline.init), comparison: stored.result,
                standingAlerts: nil,
                reevaluation: reevaluation, historyLength: historyLength, statistic: decision.configuration.statistic)
            return (inputs, decision.configuration, choice.note)
        }
        return (ReportBuilder(configuration: configuration).build(inputs, generatedAt: generatedAt), note)
    }

    /// The report of a run the gate has just decided, without comparing again: its verdict is
    /// the decision the gate stored (the alerts that stood after confirmation re-runs).
    package func report(gated outcome: RegressionGate.Outcome, generatedAt: Date = Date()) async throws -> RunReport {
        let historyLength = self.historyLength
        let configuration = outcome.decision.configuration
        let inputs = try await store.read { reader in
            try ReportInputs.read(
                reader, run: try reader.run(outcome.comparison.candidate.id),
                baseline: outcome.comparison.baseline.map(ReportBaseline.init), comparison: outcome.comparison.result,
                standingAlerts: outcome.alerts, historyLength: historyLength, statistic: configuration.statistic)
        }
        return ReportBuilder(configuration: configuration).build(inputs, generatedAt: generatedAt)
    }

    /// Every testbed's latest run, verdict and trends, from one snapshot.
    package func fleetReport(generatedAt: Date = Date()) async throws -> FleetReport {
        let (store, historyLength, statistic) = (self.store.displayName, self.historyLength, try rules(nil).statistic)
        return try await self.store.read { reader in
            try FleetReport.read(
                reader, store: store, historyLength: historyLength, statistic: statistic, generatedAt: generatedAt)
        }
    }

    /// True when `run` is the newest main run of its testbed: its report becomes `latest.*`.
    /// Reporting an older run again leaves `latest.*` with the newest one.
    package func isNewestRun(_ run: RunRecord) async throws -> Bool {
        guard run.purpose == .main else { return false }
        return try await store.read { try $0.latestMainRun(testbed: run.testbed)?.id } == run.id
    }
}

extension ReportBaseline {
    init(_ resolution: BaselineResolver.Resolution) {
        self.init(label: resolution.label, name: resolution.name, runIDs: resolution.runIDs)
    }
}
