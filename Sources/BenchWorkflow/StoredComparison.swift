import BenchModel
import Foundation
import Regression
import ResultsStore

/// A candidate run compared with its baseline, loaded from one read of the store.
package struct StoredComparison: Sendable {
    package var candidate: RunRecord
    /// Nil when there is no baseline yet.
    package var baseline: BaselineResolver.Resolution?
    package var result: RunComparison
    /// How the baseline is the candidate itself, when it is: `the same UUID`, `exactly its samples`.
    /// A gate refuses such a comparison; a view says so.
    package var baselineIsCandidate: String?
    /// The candidate's host's CPU count: which alerts this tool expects there.
    package var cpus: Int?

    /// Loads the candidate and its baseline and compares them. A candidate that failed or was
    /// aborted is judged by the rules that need no baseline (cleanup failures, containers left
    /// behind, isolation violations, floors) and compared with nothing; a running one is refused.
    package static func load(
        _ reader: any ResultsReader, candidate: RunRecord, baseline: BaselineResolver.Resolution?,
        configuration: RegressionConfiguration
    ) throws -> StoredComparison {
        let candidateMeasurements = try measurements(of: candidate, in: reader)
        switch candidate.status {
        case .completed:
            break
        case .running:
            throw ComparisonInputError.candidateNotCompleted(
                id: candidate.id, status: candidate.status, reason: candidate.reason)
        case .failed, .aborted:
            let result = RunComparison(
                incomplete: candidateMeasurements, status: candidate.status.rawValue, configuration: configuration)
            var comparison = StoredComparison(candidate: candidate, baseline: nil, result: result)
            comparison.cpus = candidateMeasurements.environment?.cpuCount
            return comparison
        }
        let baselineMeasurements = try baseline.map { resolution in
            if let file = resolution.file {
                return Baseline(label: resolution.label, runs: [measurements(of: file)])
            }
            return Baseline(
                label: resolution.label, runs: try resolution.runs.map { try measurements(of: $0, in: reader) })
        }
        let result = RunComparison(
            baseline: baselineMeasurements, candidate: candidateMeasurements, configuration: configuration)
        var comparison = StoredComparison(candidate: candidate, baseline: baseline, result: result)
        comparison.cpus = candidateMeasurements.environment?.cpuCount
        if let baseline, baseline.names(candidate) {
            comparison.baselineIsCandidate = "the same UUID"
        } else if let runs = baselineMeasurements?.runs, runs.count == 1, sameSamples(runs[0], candidateMeasurements) {
            comparison.baselineIsCandidate = "exactly its samples"
        }
        return comparison
    }

    /// True when both runs measured the same metrics with the same values, times among them: one
    /// run under two names (an export of a run whose UUID was changed, a copy of its samples). Two
    /// runs never time anything identically to the last bit; counts alone (all zero) prove nothing.
    static func sameSamples(_ one: RunMeasurements, _ other: RunMeasurements) -> Bool {
        guard one.metrics.contains(where: { $0.unit == .seconds }), one.metrics == other.metrics else { return false }
        return one.samples.allSatisfy { metric, samples in
            samples.map(\.value).sorted() == (other.samples[metric] ?? []).map(\.value).sorted()
        }
    }

    /// Resolves the baseline as `diff`, `gate` and `report` do and compares: `requested` is a
    /// baseline name, a run id or `latest` (nil for the default policy), `window` the last K runs,
    /// `file` a baseline file.
    package static func load(
        _ reader: any ResultsReader, candidate: RunRecord, requested: String?, window: Int?,
        file: BaselineFileChoice? = nil, configuration: RegressionConfiguration
    ) throws -> StoredComparison {
        // A run that did not complete is compared with nothing; a baseline asked for is looked up
        // all the same, so that one that does not exist is refused as it is for any other run.
        let asked = requested != nil || window != nil || file != nil
        let resolved =
            candidate.status == .completed || asked
            ? try BaselineResolver(reader).resolve(for: candidate, requested: requested, window: window, file: file)
            : nil
        let baseline = candidate.status == .completed ? resolved : nil
        return try load(reader, candidate: candidate, baseline: baseline, configuration: configuration)
    }

    /// True when the candidate did not complete: only the rules that need no baseline were checked.
    package var isIncomplete: Bool { candidate.status != .completed }

    /// A run's samples (with their phases) and environment, as the comparison takes them.
    package static func measurements(of run: RunRecord, in reader: any ResultsReader) throws -> RunMeasurements {
        let samples = try reader.samples(run: run.id, metric: nil).map(\.sample)
        return RunMeasurements(
            label: label(of: run), samples: samples, environment: try reader.environment(of: run),
            scope: RunScope(of: run))
    }

    /// How comparisons name a run: `run 42`, `run 42 (nightly)`.
    static func label(of run: RunRecord) -> String {
        run.label.map { "run \(run.id) (\($0))" } ?? "run \(run.id)"
    }

    /// The samples and environment of a baseline file's run.
    static func measurements(of file: BaselineFile) -> RunMeasurements {
        RunMeasurements(
            label: label(of: file.run.run), samples: file.run.specs.flatMap(\.samples),
            environment: file.run.run.withEngine(file.run.environment))
    }

    /// The alerts as the store keeps them.
    package func alertRecords(at date: Date = Date()) -> [AlertRecord] {
        result.alerts.map { outcome in
            AlertRecord(
                baselineRunID: baseline?.runs.last?.id ?? baseline?.fileRunID, baselineName: baseline?.name,
                rule: outcome.rule,
                metric: outcome.metric, baselineValue: outcome.baseline, currentValue: outcome.current,
                change: outcome.change, movedPhase: outcome.movedMost?.phase, message: outcome.message, createdAt: date)
        }
    }
}
