import BenchModel
import Foundation
import Regression
import ResultsStore

/// Everything a report is made of, read from the store in one snapshot (the workflow's report
/// loader does that), so that the page cannot contradict itself while a run is being written.
package struct ReportInputs: Sendable {
    package var run: RunRecord
    /// What the run was compared with; nil when there is nothing to compare with yet.
    package var baseline: ReportBaseline?
    /// The comparison that is the run's verdict: the stored decision's (its baseline, its rules,
    /// its outcomes) when the run was gated; nil when the run did not complete.
    package var comparison: RunComparison?
    /// The alerts that stand: the comparison's, or fewer when the gate confirmed them by re-running.
    package var standingAlerts: [RuleOutcome]?
    /// The run's gate decisions, oldest first; the last is its verdict.
    package var decisions: [DecisionRecord]
    /// The comparison the report was asked for, when it differs from the stored decision's.
    package var reevaluation: Reevaluation?
    package var summaries: [MetricSummary]
    package var checks: [RecordedCheck]
    package var failures: [RecordedFailure]
    package var notes: [RecordedNote]
    package var containers: [RecordedContainer]
    package var environment: EnvironmentFingerprint?
    /// The environments of the baseline's runs, oldest first: for a run that was not compared.
    package var baselineEnvironments: [EnvironmentFingerprint]
    package var storedAlerts: [AlertRecord]
    package var history: ReportHistory

    package init(
        run: RunRecord, baseline: ReportBaseline?, comparison: RunComparison?, standingAlerts: [RuleOutcome]?,
        summaries: [MetricSummary], checks: [RecordedCheck], failures: [RecordedFailure], notes: [RecordedNote],
        containers: [RecordedContainer], environment: EnvironmentFingerprint?,
        baselineEnvironments: [EnvironmentFingerprint],
        storedAlerts: [AlertRecord], history: ReportHistory, decisions: [DecisionRecord] = [],
        reevaluation: Reevaluation? = nil
    ) {
        self.run = run
        self.baseline = baseline
        self.comparison = comparison
        self.standingAlerts = standingAlerts
        self.summaries = summaries
        self.checks = checks
        self.failures = failures
        self.notes = notes
        self.containers = containers
        self.environment = environment
        self.baselineEnvironments = baselineEnvironments
        self.storedAlerts = storedAlerts
        self.history = history
        self.decisions = decisions
        self.reevaluation = reevaluation
    }

    /// A comparison with other rules or another baseline than the stored decision's.
    package struct Reevaluation: Sendable {
        /// What differs: `maxCreationSlowdown 10 %`, `against run 7 instead of …`.
        package var changes: [String]
        package var comparison: RunComparison
        package var baseline: ReportBaseline?
        package var configuration: RegressionConfiguration

        package init(
            changes: [String], comparison: RunComparison, baseline: ReportBaseline?,
            configuration: RegressionConfiguration
        ) {
            self.changes = changes
            self.comparison = comparison
            self.baseline = baseline
            self.configuration = configuration
        }
    }
}

/// The main runs the charts show — the last N up to and including the reported run — with what
/// the charts draw of each, and every completed run's key figures for the change points.
package struct ReportHistory: Sendable {
    /// Oldest first.
    package var runs: [RunRecord]
    /// The summary of each key metric in each run that has it.
    package var summaries: [MetricID: [Int64: MetricSummary]]
    /// The interquartile range of each key metric's samples in each run that has them.
    package var quartiles: [MetricID: [Int64: Quartiles]]
    /// The metric of each alert stored for each run.
    package var alertMetrics: [Int64: [MetricID]]
    /// The baselines that point at each run.
    package var baselineNames: [Int64: [String]]
    /// The phase timings of each run's creation samples.
    package var creationPhases: [Int64: [PhaseTimings]]
    /// What each run in the window ran on, when it was recorded.
    package var environments: [Int64: EnvironmentFingerprint]
    /// Each key metric that is not a count over every completed main run up to the reported
    /// one: where change points are searched (a window of 90 runs is too short to tell a
    /// creep from noise).
    package var series: [MetricSeries]

    package init(
        runs: [RunRecord], summaries: [MetricID: [Int64: MetricSummary]],
        quartiles: [MetricID: [Int64: Quartiles]] = [:],
        alertMetrics: [Int64: [MetricID]], baselineNames: [Int64: [String]], creationPhases: [Int64: [PhaseTimings]],
        environments: [Int64: EnvironmentFingerprint] = [:], series: [MetricSeries] = []
    ) {
        self.runs = runs
        self.summaries = summaries
        self.quartiles = quartiles
        self.alertMetrics = alertMetrics
        self.baselineNames = baselineNames
        self.creationPhases = creationPhases
        self.environments = environments
        self.series = series
    }

    /// The metrics whose summaries a report needs.
    package static var metrics: [MetricID] { TrendMetric.keyMetrics.map(\.metric) }

    /// Reads the window of `length` main runs ending with `run` (a confirmation run's window ends
    /// with the last main run before it), and the series of figures in `statistic` that change
    /// points are searched in (`withSeries`: the fleet view draws no change points).
    package static func read(
        _ reader: any ResultsReader, endingWith run: RunRecord, length: Int, statistic: SummaryStatistic = .median,
        withSeries: Bool = true
    ) throws -> ReportHistory {
        let includesRun = run.purpose == .main
        // A fleet database holds many testbeds: the window is the run's own.
        let earlier = try reader.runs(
            RunQuery(
                testbed: run.testbed, purposes: [.main], before: run, limit: max(0, length - (includesRun ? 1 : 0))))
        let runs = Array((includesRun ? [run] : []) + earlier).reversed() as [RunRecord]
        let ids = runs.map(\.id)
        var summaries: [MetricID: [Int64: MetricSummary]] = [:]
        var quartiles: [MetricID: [Int64: Quartiles]] = [:]
        for metric in metrics {
            summaries[metric] = try reader.summaries(of: metric, runs: ids)
            guard metric.unit != .count else { continue }
            let samples = try reader.samples(of: metric, runs: ids.filter { summaries[metric]?[$0] != nil })
            for (id, recorded) in samples {
                quartiles[metric, default: [:]][id] = Quartiles(recorded.map(\.sample.value).filter(\.isFinite))
            }
        }
        var alertMetrics: [Int64: [MetricID]] = [:]
        let counts = try reader.alertCounts(runs: ids)
        for id in ids where counts[id] != nil { alertMetrics[id] = try reader.alerts(run: id).map(\.metric) }
        var names: [Int64: [String]] = [:]
        for baseline in try reader.baselines() { names[baseline.runID, default: []].append(baseline.name) }
        var phases: [Int64: [PhaseTimings]] = [:]
        var environments: [Int64: EnvironmentFingerprint] = [:]
        let creationSamples = try reader.samples(of: Metric.creation.createStart.id, runs: ids)
        for run in runs {
            phases[run.id] = (creationSamples[run.id] ?? []).compactMap(\.sample.phases)
            environments[run.id] = try reader.environment(of: run)
        }
        var series: [MetricSeries] = []
        if withSeries {
            let completed = try reader.runs(
                RunQuery(testbed: run.testbed, statuses: [.completed], purposes: [.main], order: .oldestFirst)
            ).filter { $0.startedAt < run.startedAt || ($0.startedAt == run.startedAt && $0.id <= run.id) }
            series = try MetricSeries.read(reader, runs: completed, statistic: statistic)
        }
        return ReportHistory(
            runs: runs, summaries: summaries, quartiles: quartiles, alertMetrics: alertMetrics, baselineNames: names,
            creationPhases: phases, environments: environments, series: series)
    }
}

/// The middle half of a run's samples: the band around a trend's line.
package struct Quartiles: Sendable, Codable, Hashable {
    package var lower: Double
    package var upper: Double

    package init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The 25th and 75th percentiles (R-7, as NumPy); nil without values.
    package init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(lower: Statistics.quantile(sorted: sorted, 0.25), upper: Statistics.quantile(sorted: sorted, 0.75))
    }
}

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
