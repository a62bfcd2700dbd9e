import BenchModel
import Foundation
import Regression
import ResultsStore

/// Builds the report of one run from what was read for it: the run, its comparison with the
/// baseline, and the history of the key metrics over the last runs.
package struct ReportBuilder: Sendable {
    package static let defaultHistoryLength = 90

    package var configuration: RegressionConfiguration

    package init(configuration: RegressionConfiguration = RegressionConfiguration()) {
        self.configuration = configuration
    }

    package func build(_ inputs: ReportInputs, generatedAt: Date = Date()) -> RunReport {
        let run = inputs.run
        let alerts = inputs.standingAlerts ?? inputs.comparison?.alerts
        // The table, the charts' references and the environment differences show the comparison
        // the report was asked for; the verdict stays the stored decision's.
        let comparison = inputs.reevaluation?.comparison ?? inputs.comparison
        let baseline = inputs.reevaluation.map(\.baseline) ?? inputs.baseline
        let window = HistoryWindow(
            history: inputs.history, reportedRunID: run.id, comparedBaseline: baseline?.runIDs ?? [],
            reportedAlerts: alerts?.map(\.metric))
        let shifts = Dictionary(
            uniqueKeysWithValues: inputs.history.series.map {
                ($0.metric, $0.levelShifts(settings: configuration.changePoints))
            })
        let trends = TrendMetric.keyMetrics.map { key in
            window.trend(
                of: key, statistic: SummaryStatistic.compared(for: key.metric, preferred: configuration.statistic),
                references: references(
                    for: key.metric, comparison: comparison, baseline: baseline,
                    rules: (inputs.reevaluation?.configuration ?? configuration).rules),
                changePoints: shifts[key.metric] ?? [])
        }
        let environmentDifferences =
            comparison?.environmentDifferences
            ?? environmentDifferences(
                of: inputs.environment, from: inputs.baselineEnvironments, label: inputs.baseline?.label)
        let cpus = inputs.environment?.cpuCount
        var verdict = ReportVerdict.of(
            run: run, comparison: inputs.comparison, alerts: alerts ?? [], checks: inputs.checks, cpus: cpus)
        verdict.decision = ReportDecision(inputs.decisions)
        if verdict.decision == nil, verdict.status == .alert, let comparison = inputs.comparison {
            let against = comparison.baselineLabel.map { " against \($0)" } ?? ""
            verdict.headline =
                "Run \(run.id) was not gated; it would raise \(ValueFormat.count(verdict.alerts.count, "alert"))"
                + "\(verdict.isExpectedOnHost ? ", expected on this host," : "")\(against)."
        }
        if let decision = verdict.decision, !decision.baseline.runs.isEmpty, inputs.baseline == nil {
            let label = decision.baseline.label ?? "its baseline"
            verdict.details.append(
                "The decision's baseline, \(label), is not in this database: the figures beside the run's are missing.")
        }
        if let reevaluation = inputs.reevaluation {
            let alerts = reevaluation.comparison.alerts
            verdict.reevaluation = ReportVerdict.Reevaluation(
                changes: reevaluation.changes, status: alerts.isEmpty ? .clean : .alert, alerts: alerts.map(\.message),
                expected: alerts.filter { $0.isExpected(onHostWithCPUs: cpus) }.map(\.message))
        }
        return RunReport(
            formatVersion: RunReport.currentFormatVersion, generatedAt: ReportDate.millisecondPrecision(generatedAt),
            toolVersion: ToolVersion.current, run: run,
            baselineNames: (inputs.history.baselineNames[run.id] ?? []).sorted(),
            verdict: verdict, baseline: baseline, comparison: comparison, summaries: inputs.summaries,
            checks: inputs.checks,
            environment: inputs.environment, environmentDifferences: environmentDifferences, notes: inputs.notes,
            failures: inputs.failures, containerCount: inputs.containers.count,
            containersNotRemoved: inputs.containers.filter { !$0.container.removed }, storedAlerts: inputs.storedAlerts,
            trends: trends, phases: window.phaseHistory(of: Metric.creation.createStart.id),
            environmentChanges: window.environmentChanges())
    }

    /// For a run that was not compared: how its environment differs from the baseline's.
    private func environmentDifferences(
        of environment: EnvironmentFingerprint?, from baseline: [EnvironmentFingerprint], label: String?
    ) -> [EnvironmentFingerprint.Difference] {
        guard let environment, let label else { return [] }
        let runs = baseline.map { RunMeasurements(label: label, samples: [], environment: $0) }
        return Baseline(label: label, runs: runs).environmentDifferences(to: environment)
    }

    /// The baseline's figure and every rule limit on `metric`, in the metric's unit.
    func references(
        for metric: MetricID, comparison: RunComparison?, baseline: ReportBaseline?, rules: [RegressionRule]? = nil
    ) -> [TrendReference] {
        let baselineValue = comparison?.comparison(of: metric)?.baseline
        var lines: [TrendReference] = []
        if let baselineValue, let baseline {
            lines.append(TrendReference(kind: .baseline, value: baselineValue, label: baseline.label))
        }
        for rule in rules ?? configuration.rules where rule.metrics.contains(metric) {
            switch rule.limit {
            case .bound(let bound):
                let side = metric.direction == .smallerIsBetter ? "above" : "below"
                lines.append(
                    TrendReference(kind: .alertLimit, value: bound, label: "alert \(side) \(metric.unit.format(bound))")
                )
            case .maxWorsening(let fraction):
                guard let baselineValue else { continue }
                let worse = metric.direction == .smallerIsBetter ? 1 + fraction : 1 - fraction
                let side = metric.direction == .smallerIsBetter ? "above +" : "below −"
                lines.append(
                    TrendReference(
                        kind: .alertLimit, value: baselineValue * worse,
                        label:
                            "alert \(side)\(ValueFormat.percentage(fraction)) (\(metric.unit.format(baselineValue * worse)))"
                    ))
            }
        }
        return lines
    }
}
