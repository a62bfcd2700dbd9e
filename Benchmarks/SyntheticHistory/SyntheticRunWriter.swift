import BenchModel
import Foundation
import Regression
import ResultsStore

/// Stores synthetic runs the way the runner stores real ones: begin, environment, one
/// transaction per spec, finish.
package struct SyntheticRunWriter: Sendable {
    package let store: any ResultsStore

    package struct StoredRun: Sendable, Hashable {
        package var id: Int64
        package var status: RunStatus
        package var sampleCount: Int
    }

    package init(store: any ResultsStore) {
        self.store = store
    }

    /// Stores `run` with the specs its outcome lets it record, each recorded when the ones
    /// before it and itself have taken their wall time; the run ends a second after the last.
    package func store(
        _ run: NewRun, environment: EnvironmentFingerprint, specs: [SpecResult], outcome: SyntheticOutcome
    ) async throws -> StoredRun {
        let id = try await store.beginRun(run)
        try await store.recordEnvironment(environment, for: id)
        let recorded = outcome.recordedSpecs(of: specs)
        var elapsed = 0.0
        for spec in recorded {
            elapsed += spec.wallSeconds
            try await store.recordSpec(spec, for: id, recordedAt: run.startedAt.addingTimeInterval(elapsed))
        }
        try await store.finishRun(
            id, status: outcome.status, reason: outcome.reason, endedAt: run.startedAt.addingTimeInterval(elapsed + 1))
        return StoredRun(id: id, status: outcome.status, sampleCount: recorded.reduce(0) { $0 + $1.samples.count })
    }
}

extension SyntheticRunWriter {
    /// Stores a gate decision against `baseline` as the nightly `run --gate` does: with one
    /// creation alert, as a gate that found a 24 % slower creation would, or passed.
    package func storeDecision(run runID: Int64, baseline: RunRecord, at date: Date, alert: Bool) async throws {
        let rule = RegressionRule.creationSlowdown()
        let metric = Metric.creation.createStart.id
        let (current, change) = alert ? (0.41, 0.242) : (0.335, 0.015)
        let message =
            alert
            ? "\(metric) 0.330 s → 0.410 s (+24.2 %), start moved most"
            : "\(metric) 0.330 s → 0.335 s (+1.5 %), within the 20 % limit"
        let outcome = RuleOutcome(
            rule: rule, metric: metric, status: alert ? .alert : .passed, statistic: .median, baseline: 0.33,
            current: current, change: change, message: message)
        let reference = BaselineReference(
            kind: "run", name: nil, label: "run \(baseline.id)", runs: [.init(id: baseline.id, uuid: baseline.uuid)])
        let decision = GateDecision(
            decidedAt: date, configuration: RegressionConfiguration(), baseline: reference, outcomes: [outcome])
        let alerts =
            alert
            ? [
                AlertRecord(
                    baselineRunID: baseline.id, baselineName: nil, rule: rule.name, metric: metric,
                    baselineValue: 0.33,
                    currentValue: current, change: change, movedPhase: .start, message: message, createdAt: date)
            ] : []
        try await store.recordDecision(
            DecisionRecord(
                runID: runID, decidedAt: date, toolVersion: decision.toolVersion, passed: !alert,
                alertCount: alerts.count,
                baseline: reference, document: try decision.document()),
            alerts: alerts)
    }
}
