import Foundation
import Regression
import Reporting
import ResultsStore

/// What a finished run leaves for people and machines: its reports (HTML, Markdown, JSON) and the
/// Prometheus textfile. Built from the gate's comparison when there was a gate, so nothing is
/// compared twice and confirmed-away alerts stay away.
package struct RunPublication: Sendable {
    package var store: any ResultsStore
    package var configuration: RegressionConfiguration
    /// The reports folder; nil writes no report.
    package var reportDirectory: String?
    /// The Prometheus textfile; nil writes none.
    package var metricsFile: String?
    /// The baseline asked for (a name, a run id or `latest`) and the window, for runs that were not gated.
    package var baseline: String?
    package var window: Int?

    package init(
        store: any ResultsStore, configuration: RegressionConfiguration, reportDirectory: String?, metricsFile: String?,
        baseline: String? = nil, window: Int? = nil
    ) {
        self.store = store
        self.configuration = configuration
        self.reportDirectory = reportDirectory
        self.metricsFile = metricsFile
        self.baseline = baseline
        self.window = window
    }

    /// Writes what was asked for and returns the report files written. The report of a run that
    /// did not complete shows its failures and the alerts its gate stored, not a comparison.
    @discardableResult
    package func publish(run: RunRecord, gate: RegressionGate.Outcome?) async throws -> [String] {
        let gate = run.status == .completed ? gate : nil
        var written: [String] = []
        if let reportDirectory {
            let loader = ReportLoader(store: store, configuration: configuration)
            let report =
                if let gate {
                    try await loader.report(gated: gate)
                } else {
                    try await loader.report(run: String(run.id), baseline: baseline, window: window)
                }
            written = try ReportWriter(directory: reportDirectory).write(
                report, updateLatest: try await loader.isNewestRun(run))
        }
        if let metricsFile {
            let (summaries, storedAlerts) = try await store.read { reader in
                (try reader.summaries(run: run.id), try reader.alerts(run: run.id).count)
            }
            try PrometheusTextfile.write(
                run: run, summaries: summaries, alertCount: gate?.alerts.count ?? storedAlerts,
                baselineLabel: gate?.comparison.result.baselineLabel, to: metricsFile)
        }
        return written
    }
}
