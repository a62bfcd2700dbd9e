import BenchModel
import Foundation
import Regression
import ResultsStore

/// Stores synthetic runs the way the runner stores real ones: begin, environment, one
/// transaction per spec, finish.
public struct SyntheticRunWriter: Sendable {
    public let store: any ResultsStore

    public struct StoredRun: Sendable, Hashable {
        public var id: Int64
        public var status: RunStatus
        public var sampleCount: Int
    }

    public init(store: any ResultsStore) {
        self.store = store
    }

    /// Stores `run` with the specs its outcome lets it record, each recorded when the ones
    /// before it and itself have taken their wall time; the run ends a second after the last.
    public func store(
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
        try await store.finishRun(id, status: outcome.status, reason: outcome.reason, endedAt: run.startedAt.addingTimeInterval(elapsed + 1))
        return StoredRun(id: id, status: outcome.status, sampleCount: recorded.reduce(0) { $0 + $1.samples.count })
    }
}

extension SyntheticRunWriter {
    /// Stores a gate decision with one creation alert against `baseline`, as a gate that found a
    /// 24 % slower creation would: for histories that need alerts without measuring a regression.
    public func storeCreationAlert(run runID: Int64, baseline: RunRecord, at date: Date) async throws {
        let rule = RegressionRule.creationSlowdown()
        let message = "creation.create_start_s 0.330 s → 0.410 s (+24.2 %), start moved most"
        let outcome = RuleOutcome(
            rule: rule, metric: .creationTime, status: .alert, statistic: .median, baseline: 0.33, current: 0.41,
            change: 0.242, message: message)
        let reference = BaselineReference(
            kind: "run", name: nil, label: "run \(baseline.id)", runs: [.init(id: baseline.id, uuid: baseline.uuid)])
        let decision = GateDecision(decidedAt: date, configuration: RegressionConfiguration(), baseline: reference, outcomes: [outcome])
        let alert = AlertRecord(
            baselineRunID: baseline.id, baselineName: nil, rule: rule.name, metric: .creationTime, baselineValue: 0.33,
            currentValue: 0.41, change: 0.242, movedPhase: .start, message: message, createdAt: date)
        try await store.recordDecision(
            DecisionRecord(
                runID: runID, decidedAt: date, toolVersion: decision.toolVersion, passed: false, alertCount: 1,
                baseline: reference, document: try decision.document()),
            alerts: [alert])
    }
}
