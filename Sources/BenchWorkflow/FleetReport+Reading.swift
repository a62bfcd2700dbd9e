import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

extension FleetReport {
    /// Reads every testbed's latest main run, decisions and history in one snapshot and builds the view.
    package static func read(
        _ reader: any ResultsReader, store: String, historyLength: Int = defaultHistoryLength,
        statistic: SummaryStatistic = .median,
        generatedAt: Date = Date()
    ) throws -> FleetReport {
        var testbeds: [TestbedHistory] = []
        for name in try reader.testbeds() {
            guard let latest = try reader.latestMainRun(testbed: name) else { continue }
            let history = try ReportHistory.read(reader, endingWith: latest, length: historyLength, withSeries: false)
            testbeds.append(
                TestbedHistory(
                    name: name, latest: latest, history: history,
                    decisions: try reader.latestDecisions(runs: history.runs.map(\.id)),
                    summaries: try reader.summaries(run: latest.id)))
        }
        return build(
            from: testbeds, store: store, historyLength: historyLength, statistic: statistic, generatedAt: generatedAt)
    }
}
