import BenchModel
import Regression
import ResultsStore

/// How a command that measured or gated ends (`run`, `run --gate`, `gate`, `ab`), by one
/// precedence: an alert is the more specific news and wins (exit 1), whatever else is wrong — a
/// failed run with a cleanup failure exits 1, not 4. Without one, a run that did not complete
/// (4: a measured side that failed, naming its specs, before a gated run that did not complete),
/// then a relative alert withheld because the host was busy (3: measure again on a quiet host),
/// then a run missing a metric its suite planned (4), then a baseline missing a metric a
/// relative rule compares (2). Otherwise the command passed (0).
package enum Conclusion: Sendable {
    case passed
    /// The gate raised alerts: exit 1.
    case regression(alerts: Int)
    /// Exit 2 or 4, with the error that says why.
    case failure(any CategorizedError)

    /// The documented exit code.
    package var exitCode: Int32 {
        switch self {
        case .passed: 0
        case .regression: 1
        case .failure(let error): error.kind.exitCode
        }
    }

    /// True unless the command passed: a file that could not be written is then a warning, so
    /// that it cannot hide this conclusion's exit code.
    package var fails: Bool {
        if case .passed = self { return false }
        return true
    }

    /// Files that could not be written at the end of the command: when it fails anyway they are
    /// warnings, returned, so that they cannot hide this conclusion's exit code; otherwise the
    /// first of them ends the command (thrown).
    package func keeping(_ failures: [any Error]) throws -> [any Error] {
        if !fails, let first = failures.first { throw first }
        return failures
    }

    /// The error that ends the command; nil when it passed or regressed.
    package var error: (any CategorizedError)? {
        if case .failure(let error) = self { return error }
        return nil
    }

    /// The precedence itself, over what went wrong. `failedRuns`: the runs this command measured
    /// that failed (no valid sample of a spec); `incomplete`: the gated run, when it did not
    /// complete; `missing`: each side's missing metrics, the candidate's first.
    package static func deciding(
        alerts: Int, failedRuns: [SuiteFailure] = [], incomplete: IncompleteRunError? = nil,
        missing: [MissingMetricError] = [], withheld: WithheldAlertError? = nil
    ) -> Conclusion {
        if alerts > 0 { return .regression(alerts: alerts) }
        if let failed = failedRuns.first { return .failure(failed) }
        if let incomplete { return .failure(incomplete) }
        if let withheld { return .failure(withheld) }
        if let candidate = missing.first(where: { $0.side == .candidate }) { return .failure(candidate) }
        if let baseline = missing.first(where: { $0.side == .baseline }) { return .failure(baseline) }
        return .passed
    }

    /// What a command concludes from its gate (nil: it did not gate) of `candidate` and the runs
    /// it measured (none for `gate` without confirmation; the run for `run`; A and B for `ab`).
    package init(gate: RegressionGate.Outcome?, candidate: RunRecord, measured: [BenchmarkRun.Outcome] = []) {
        let failedRuns = measured.filter { $0.status == .failed }.map {
            SuiteFailure(runID: $0.runID, specs: $0.invalidSpecs)
        }
        guard let gate else {
            self = .deciding(alerts: 0, failedRuns: failedRuns)
            return
        }
        let missing = [RuleOutcome.Side.candidate, .baseline].compactMap { side -> MissingMetricError? in
            let metrics = gate.missing.filter { $0.missingFrom == side }.map(\.metric)
            guard !metrics.isEmpty else { return nil }
            return MissingMetricError(
                run: candidate.id, side: side, metrics: metrics,
                baseline: gate.comparison.result.baselineLabel ?? "the baseline")
        }
        self = .deciding(
            alerts: gate.alerts.count, failedRuns: failedRuns,
            incomplete: gate.comparison.isIncomplete ? IncompleteRunError(run: candidate) : nil, missing: missing,
            withheld: WithheldAlertError(run: candidate.id, outcomes: gate.comparison.result.withheld))
    }
}
