import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

extension ReportInputs {
    /// Reads what a report shows besides its comparison, from the same snapshot the comparison
    /// was read from.
    package static func read(
        _ reader: any ResultsReader, run: RunRecord, baseline: ReportBaseline?, comparison: RunComparison?,
        standingAlerts: [RuleOutcome]?, reevaluation: Reevaluation? = nil, historyLength: Int,
        statistic: SummaryStatistic = .median
    ) throws -> ReportInputs {
        ReportInputs(
            run: run, baseline: baseline, comparison: comparison, standingAlerts: standingAlerts,
            summaries: try reader.summaries(run: run.id), checks: try reader.checks(run: run.id),
            failures: try reader.failures(run: run.id), notes: try reader.notes(run: run.id),
            containers: try reader.containers(run: run.id), environment: try reader.environment(of: run),
            baselineEnvironments: try (baseline?.runIDs ?? []).compactMap { try reader.environment(ofRun: $0) },
            storedAlerts: try reader.alerts(run: run.id),
            history: try ReportHistory.read(reader, endingWith: run, length: historyLength, statistic: statistic),
            decisions: try reader.decisions(run: run.id), reevaluation: reevaluation)
    }
}
