import BenchModel
import Foundation
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
