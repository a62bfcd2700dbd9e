import BenchModel
import Foundation
import Regression
import ResultsStore

/// Builds the report of one run from the results database: the run, its comparison with
/// the baseline, and the history of the key metrics over the last runs.
public struct ReportBuilder: Sendable {
    public static let defaultHistoryLength = 90

    public let database: ResultsDatabase
    public var configuration: RegressionConfiguration
    /// How many main runs the trend charts show, ending with the reported run.
    public var historyLength: Int

    public init(
        database: ResultsDatabase, configuration: RegressionConfiguration = RegressionConfiguration(),
        historyLength: Int = ReportBuilder.defaultHistoryLength
    ) {
        self.database = database
        self.configuration = configuration
        self.historyLength = max(1, historyLength)
    }

    /// The report of `run`, compared with the baseline `BaselineResolver` picks: `baseline` is a
    /// name, a run id or `latest`, nil for the default policy; `window` K compares with the last
    /// K completed runs. A run that did not complete is not compared, but its baseline is still
    /// marked in the charts.
    public func build(run: RunRecord, baseline: String? = nil, window: Int? = nil, generatedAt: Date = Date()) throws
        -> RunReport
    {
        let resolution = try BaselineResolver(database: database).resolve(for: run, requested: baseline, window: window)
        let comparison =
            run.status == .completed
            ? try StoredComparison.load(database: database, candidate: run, baseline: resolution, configuration: configuration)
                .result
            : nil
        return try assemble(
            run: run, resolution: resolution, comparison: comparison, alerts: comparison?.alerts, generatedAt: generatedAt)
    }

    /// The report of a run the caller has already compared (the gate), without comparing again.
    /// `standingAlerts` are the alerts that stood after the gate confirmed them by re-running,
    /// when it did; nil takes the comparison's alerts.
    public func build(_ comparison: StoredComparison, standingAlerts: [RuleOutcome]? = nil, generatedAt: Date = Date())
        throws -> RunReport
    {
        try assemble(
            run: try database.run(comparison.candidate.id), resolution: comparison.baseline, comparison: comparison.result,
            alerts: standingAlerts ?? comparison.result.alerts, generatedAt: generatedAt)
    }

    private func assemble(
        run: RunRecord, resolution: BaselineResolver.Resolution?, comparison: RunComparison?,
        alerts: [RuleOutcome]?, generatedAt: Date
    ) throws -> RunReport {
        let checks = try database.checks(run: run.id)
        let containers = try database.containers(run: run.id)
        let environment = try database.environment(run: run.id)
        let window = try HistoryWindow.load(
            database: database, endingWith: run, length: historyLength, comparedBaseline: resolution?.runIDs ?? [],
            reportedAlerts: alerts?.map(\.metric))
        let trends = try TrendMetric.keyMetrics.map { key in
            try window.trend(
                of: key, statistic: SummaryStatistic.compared(for: key.metric, preferred: configuration.statistic),
                references: references(for: key.metric, comparison: comparison, baseline: resolution))
        }
        return RunReport(
            formatVersion: RunReport.currentFormatVersion, generatedAt: ReportDate.millisecondPrecision(generatedAt),
            toolVersion: ToolVersion.current, run: run,
            baselineNames: try database.baselines().filter { $0.runID == run.id }.map(\.name).sorted(),
            verdict: ReportVerdict.of(run: run, comparison: comparison, alerts: alerts ?? [], checks: checks),
            baseline: resolution.map(ReportBaseline.init), comparison: comparison,
            summaries: try database.summaries(run: run.id), checks: checks, environment: environment,
            environmentDifferences: try comparison?.environmentDifferences
                ?? environmentDifferences(of: environment, from: resolution),
            notes: try database.notes(run: run.id), failures: try database.failures(run: run.id),
            containerCount: containers.count, containersNotRemoved: containers.filter { !$0.container.removed },
            storedAlerts: try database.alerts(run: run.id), trends: trends,
            phases: try window.phaseHistory(of: .creationTime))
    }

    /// For a run that was not compared: how its environment differs from the baseline's.
    private func environmentDifferences(
        of environment: EnvironmentFingerprint?, from resolution: BaselineResolver.Resolution?
    ) throws -> [EnvironmentFingerprint.Difference] {
        guard let environment, let resolution else { return [] }
        let runs = try resolution.runs.map { RunMeasurements(label: "run \($0.id)", samples: [], environment: try database.environment(run: $0.id)) }
        return Baseline(label: resolution.label, runs: runs).environmentDifferences(to: environment)
    }

    /// The baseline's figure and every rule limit on `metric`, in the metric's unit.
    func references(
        for metric: MetricID, comparison: RunComparison?, baseline: BaselineResolver.Resolution?
    ) -> [TrendReference] {
        let baselineValue = comparison?.comparison(of: metric)?.baseline
        var lines: [TrendReference] = []
        if let baselineValue, let baseline {
            lines.append(TrendReference(kind: .baseline, value: baselineValue, label: baseline.label))
        }
        for rule in configuration.rules where rule.metrics.contains(metric) {
            switch rule.limit {
            case .bound(let bound):
                let side = metric.direction == .smallerIsBetter ? "above" : "below"
                lines.append(TrendReference(kind: .alertLimit, value: bound, label: "alert \(side) \(metric.unit.format(bound))"))
            case .maxWorsening(let fraction):
                guard let baselineValue else { continue }
                let worse = metric.direction == .smallerIsBetter ? 1 + fraction : 1 - fraction
                let side = metric.direction == .smallerIsBetter ? "above +" : "below −"
                lines.append(
                    TrendReference(
                        kind: .alertLimit, value: baselineValue * worse,
                        label: "alert \(side)\(ValueFormat.percentage(fraction)) (\(metric.unit.format(baselineValue * worse)))"))
            }
        }
        return lines
    }
}
