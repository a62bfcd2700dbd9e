import BenchModel

/// Everything stored about one run: what `runs show --json` prints and `export` writes.
package struct RunDetail: Sendable, Codable, Hashable {
    package var run: RunRecord
    package var environment: EnvironmentFingerprint?
    package var summaries: [MetricSummary]
    /// Every spec with its raw samples, checks, failures, notes and containers.
    package var specs: [SpecResult]
    package var alerts: [AlertRecord]
    /// The names of the baselines that point to the run.
    package var baselines: [String]
    /// The ids of the confirmation re-runs of this run.
    package var confirmationRunIDs: [Int64]
    /// Every gate evaluation of the run, oldest first; the last is its verdict.
    package var decisions: [DecisionRecord]

    package init(
        run: RunRecord, environment: EnvironmentFingerprint?, summaries: [MetricSummary], specs: [SpecResult],
        alerts: [AlertRecord], baselines: [String], confirmationRunIDs: [Int64], decisions: [DecisionRecord]
    ) {
        self.run = run
        self.environment = environment
        self.summaries = summaries
        self.specs = specs
        self.alerts = alerts
        self.baselines = baselines
        self.confirmationRunIDs = confirmationRunIDs
        self.decisions = decisions
    }
}
