import BenchModel

/// Everything stored about one run: what `runs show --json` prints and `export` writes.
public struct RunDetail: Sendable, Codable, Hashable {
    public var run: RunRecord
    public var environment: EnvironmentFingerprint?
    public var summaries: [MetricSummary]
    /// Every spec with its raw samples, checks, failures, notes and containers.
    public var specs: [SpecResult]
    public var alerts: [AlertRecord]
    /// The names of the baselines that point to the run.
    public var baselines: [String]
    /// The ids of the confirmation re-runs of this run.
    public var confirmationRunIDs: [Int64]
}

extension ResultsDatabase {
    public func detail(run runID: Int64) throws -> RunDetail {
        let run = try run(runID)
        let baselines = try baselines().filter { $0.runID == runID }.map(\.name)
        return RunDetail(
            run: run, environment: try environment(run: runID), summaries: try summaries(run: runID),
            specs: try specs(run: runID), alerts: try alerts(run: runID), baselines: baselines,
            confirmationRunIDs: try confirmations(of: runID).map(\.id))
    }
}
