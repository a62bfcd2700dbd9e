import BenchModel
import Regression
import Reporting
import ResultsStore

extension MetricSeries {
    /// Reads each metric's series over `runs` (completed main runs, oldest first) in `statistic`.
    package static func read(
        _ reader: any ResultsReader, runs: [RunRecord], metrics: [MetricID] = MetricSeries.metrics,
        statistic: SummaryStatistic
    ) throws -> [MetricSeries] {
        let ids = runs.map(\.id)
        return try metrics.map { metric in
            MetricSeries(
                metric: metric, runs: runs, summaries: try reader.summaries(of: metric, runs: ids),
                statistic: statistic)
        }
    }
}
