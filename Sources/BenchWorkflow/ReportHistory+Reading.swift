import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

extension ReportHistory {
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
        var decidedLimits: [Int64: [MetricID: Double]] = [:]
        for id in ids {
            let decisions = try reader.decisions(run: id)
            guard let decision = decisions.last(where: \.standing)?.gateDecision else { continue }
            decidedLimits[id] = Self.limits(of: decision)
        }
        var series: [MetricSeries] = []
        if withSeries {
            let completed = try reader.runs(
                RunQuery(testbed: run.testbed, statuses: [.completed], purposes: [.main], order: .oldestFirst)
            ).filter { $0.startedAt < run.startedAt || ($0.startedAt == run.startedAt && $0.id <= run.id) }
            series = try MetricSeries.read(reader, runs: completed, statistic: statistic)
        }
        var history = ReportHistory(
            runs: runs, summaries: summaries, quartiles: quartiles, alertMetrics: alertMetrics, baselineNames: names,
            creationPhases: phases, environments: environments, series: series)
        history.decidedLimits = decidedLimits
        return history
    }
}
