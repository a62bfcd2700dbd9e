import BenchModel
import Foundation
import Regression
import ResultsStore

/// A candidate run compared with its baseline, loaded from one read of the store.
public struct StoredComparison: Sendable {
    public var candidate: RunRecord
    /// Nil when there is no baseline yet.
    public var baseline: BaselineResolver.Resolution?
    public var result: RunComparison

    /// Loads the candidate and its baseline and compares them. The candidate must have completed.
    public static func load(
        _ reader: any ResultsReader, candidate: RunRecord, baseline: BaselineResolver.Resolution?,
        configuration: RegressionConfiguration
    ) throws -> StoredComparison {
        guard candidate.status == .completed else {
            throw ComparisonInputError.candidateNotCompleted(id: candidate.id, status: candidate.status, reason: candidate.reason)
        }
        let candidateMeasurements = try measurements(of: candidate, in: reader)
        let baselineMeasurements = try baseline.map { resolution in
            Baseline(label: resolution.label, runs: try resolution.runs.map { try measurements(of: $0, in: reader) })
        }
        let result = RunComparison(baseline: baselineMeasurements, candidate: candidateMeasurements, configuration: configuration)
        return StoredComparison(candidate: candidate, baseline: baseline, result: result)
    }

    /// Resolves the baseline as `diff`, `gate` and `report` do and compares: `requested` is a
    /// baseline name, a run id or `latest` (nil for the default policy), `window` the last K runs.
    public static func load(
        _ reader: any ResultsReader, candidate: RunRecord, requested: String?, window: Int?,
        configuration: RegressionConfiguration
    ) throws -> StoredComparison {
        let baseline = try BaselineResolver(reader).resolve(for: candidate, requested: requested, window: window)
        return try load(reader, candidate: candidate, baseline: baseline, configuration: configuration)
    }

    /// A run's samples (with their phases) and environment, as the comparison takes them.
    public static func measurements(of run: RunRecord, in reader: any ResultsReader) throws -> RunMeasurements {
        let samples = try reader.samples(run: run.id, metric: nil).map(\.sample)
        let label = run.label.map { "run \(run.id) (\($0))" } ?? "run \(run.id)"
        return RunMeasurements(label: label, samples: samples, environment: try reader.environment(run: run.id))
    }

    /// The alerts as the store keeps them.
    public func alertRecords(at date: Date = Date()) -> [AlertRecord] {
        result.alerts.map { outcome in
            AlertRecord(
                baselineRunID: baseline?.runs.last?.id, baselineName: baseline?.name, rule: outcome.rule,
                metric: outcome.metric, baselineValue: outcome.baseline, currentValue: outcome.current,
                change: outcome.change, movedPhase: outcome.movedMost?.phase, message: outcome.message, createdAt: date)
        }
    }
}
