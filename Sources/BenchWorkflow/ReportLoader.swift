import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

/// Reads what a run's report needs in one snapshot of the store — the run, its baseline, the
/// comparison, the history — and builds the report.
public struct ReportLoader: Sendable {
    public var store: any ResultsStore
    public var configuration: RegressionConfiguration
    /// How many main runs the trend charts show, ending with the reported run.
    public var historyLength: Int

    public init(
        store: any ResultsStore, configuration: RegressionConfiguration = RegressionConfiguration(),
        historyLength: Int = ReportBuilder.defaultHistoryLength
    ) {
        self.store = store
        self.configuration = configuration
        self.historyLength = max(1, historyLength)
    }

    /// The report of the run `requested` names (an id or `latest`), compared with the baseline
    /// `BaselineResolver` picks: `baseline` is a name, a run id or `latest`, nil for the default
    /// policy; `window` K compares with the last K completed runs. A run that did not complete
    /// is not compared, but its baseline is still marked in the charts.
    public func report(
        run requested: String?, testbed: String? = nil, baseline: String? = nil, window: Int? = nil, generatedAt: Date = Date()
    ) async throws -> RunReport {
        let configuration = self.configuration
        let historyLength = self.historyLength
        let inputs = try await store.read { reader in
            let run = try BaselineResolver(reader).candidate(requested, testbed: testbed)
            let resolution = try BaselineResolver(reader).resolve(for: run, requested: baseline, window: window)
            let comparison =
                run.status == .completed
                ? try StoredComparison.load(reader, candidate: run, baseline: resolution, configuration: configuration).result
                : nil
            return try ReportInputs.read(
                reader, run: run, baseline: resolution.map(ReportBaseline.init), comparison: comparison, standingAlerts: nil,
                historyLength: historyLength, statistic: configuration.statistic)
        }
        return ReportBuilder(configuration: configuration).build(inputs, generatedAt: generatedAt)
    }

    /// The report of a run the gate has already compared, without comparing again: the alerts
    /// are those that stood after the gate confirmed them by re-running.
    public func report(gated outcome: RegressionGate.Outcome, generatedAt: Date = Date()) async throws -> RunReport {
        let historyLength = self.historyLength
        let configuration = self.configuration
        let inputs = try await store.read { reader in
            try ReportInputs.read(
                reader, run: try reader.run(outcome.comparison.candidate.id),
                baseline: outcome.comparison.baseline.map(ReportBaseline.init), comparison: outcome.comparison.result,
                standingAlerts: outcome.alerts, historyLength: historyLength, statistic: configuration.statistic)
        }
        return ReportBuilder(configuration: configuration).build(inputs, generatedAt: generatedAt)
    }

    /// Every testbed's latest run, verdict and trends, from one snapshot.
    public func fleetReport(generatedAt: Date = Date()) async throws -> FleetReport {
        let (store, historyLength, statistic) = (self.store.displayName, self.historyLength, configuration.statistic)
        return try await self.store.read { reader in
            try FleetReport.read(reader, store: store, historyLength: historyLength, statistic: statistic, generatedAt: generatedAt)
        }
    }

    /// True when `run` is the newest main run in the store: its report becomes `latest.*`.
    /// Reporting an older run again leaves `latest.*` with the newest one.
    public func isNewestRun(_ run: RunRecord) async throws -> Bool {
        guard run.purpose == .main else { return false }
        return try await store.read { try $0.latestMainRun()?.id } == run.id
    }
}

extension ReportBaseline {
    init(_ resolution: BaselineResolver.Resolution) {
        self.init(label: resolution.label, name: resolution.name, runIDs: resolution.runIDs)
    }
}
