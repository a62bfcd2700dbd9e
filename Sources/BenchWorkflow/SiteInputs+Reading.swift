import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

extension SiteOverview {
    /// Reads what the history site shows of every main run (of `testbed`, when given), with the
    /// index's charts ending with the newest run, from one snapshot.
    package static func read(
        _ reader: any ResultsReader, testbed: String? = nil, historyLength: Int, statistic: SummaryStatistic
    ) throws -> SiteOverview {
        let runs = try reader.runs(RunQuery(testbed: testbed, purposes: [.main], order: .oldestFirst))
        let ids = runs.map(\.id)
        var figures: [MetricID: [Int64: Double]] = [:]
        for metric in keyMetrics { figures[metric] = try reader.summaries(of: metric, runs: ids).mapValues(\.median) }
        var alerts: [Int64: [AlertRecord]] = [:]
        for id in try reader.alertCounts(runs: ids).keys { alerts[id] = try reader.alerts(run: id) }
        var names: [Int64: [String]] = [:]
        for baseline in try reader.baselines() { names[baseline.runID, default: []].append(baseline.name) }
        var cpus: [Int64: Int] = [:]
        for id in ids { cpus[id] = try reader.environment(run: id)?.cpuCount }
        let decisions = try reader.latestDecisions(runs: ids)
        let history = try runs.last.map {
            try ReportHistory.read(reader, endingWith: $0, length: historyLength, statistic: statistic)
        }
        return SiteOverview(
            runs: runs, keyFigures: figures, alerts: alerts, decisions: decisions,
            baselineNames: names.mapValues { $0.sorted() },
            cpus: cpus, history: history)
    }
}

extension RunPageInputs {
    /// Reads one run's page, with the environment of the main run before it (`previous`).
    package static func read(_ reader: any ResultsReader, run: RunRecord, previous: RunRecord?) throws -> RunPageInputs
    {
        RunPageInputs(
            run: run, summaries: try reader.summaries(run: run.id), checks: try reader.checks(run: run.id),
            failures: try reader.failures(run: run.id), notes: try reader.notes(run: run.id),
            environment: try reader.environment(of: run),
            previousEnvironment: try previous.flatMap { try reader.environment(of: $0) },
            decisions: try reader.decisions(run: run.id))
    }
}
