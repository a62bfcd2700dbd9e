import Foundation
import Regression
import Reporting
import ResultsStore

/// What a finished run leaves for people and machines: its reports (HTML, Markdown, JSON) and the
/// Prometheus textfile. Built from the gate's comparison when there was a gate, so nothing is
/// compared twice and confirmed-away alerts stay away.
public struct RunPublication: Sendable {
    public var database: ResultsDatabase
    public var configuration: RegressionConfiguration
    /// The reports folder; nil writes no report.
    public var reportDirectory: String?
    /// The Prometheus textfile; nil writes none.
    public var metricsFile: String?
    /// The baseline asked for (a name, a run id or `latest`) and the window, for runs that were not gated.
    public var baseline: String?
    public var window: Int?

    public init(
        database: ResultsDatabase, configuration: RegressionConfiguration, reportDirectory: String?, metricsFile: String?,
        baseline: String? = nil, window: Int? = nil
    ) {
        self.database = database
        self.configuration = configuration
        self.reportDirectory = reportDirectory
        self.metricsFile = metricsFile
        self.baseline = baseline
        self.window = window
    }

    /// Writes what was asked for and returns the report files written.
    @discardableResult
    public func publish(run: RunRecord, gate: RegressionGate.Outcome?) throws -> [String] {
        var written: [String] = []
        if let reportDirectory {
            let builder = ReportBuilder(database: database, configuration: configuration)
            let report = try gate.map { try builder.build($0.comparison, standingAlerts: $0.alerts) }
                ?? builder.build(run: run, baseline: baseline, window: window)
            written = try ReportWriter(directory: reportDirectory).write(
                report, updateLatest: try ReportWriter.isNewestRun(run, in: database))
        }
        if let metricsFile {
            try PrometheusTextfile.write(
                run: run, database: database, comparison: gate?.comparison, alertCount: gate?.alerts.count, to: metricsFile)
        }
        return written
    }
}
