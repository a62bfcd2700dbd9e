import BenchModel
import Foundation
import ResultsStore

/// Completed runs of the creation spec stored as a suite run stores them, with the figures a
/// test chooses: for the readers of creation medians, busy marks and environments.
package enum CreationRuns {
    /// Stores a completed run whose creation samples all take `creation` seconds, started
    /// `minute` minutes after a fixed time, measured on `kernel`, busy when `busy`, with the run's
    /// own figures `run` besides; its id.
    package static func store(
        _ store: any ResultsStore, creation: Double, minute: Int, kernel: String = "6.1", busy: Bool = false,
        run: [Sample] = []
    ) async throws -> Int64 {
        let id = try await store.beginRun(
            NewRun(
                suite: "full, specs: creation", configurationJSON: PlannedConfiguration.json(specs: ["creation"]),
                startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(minute) * 60)))
        try await store.recordEnvironment(EnvironmentFingerprint(kernel: kernel), for: id)
        let samples = (0..<5).map { Sample(metric: .creationTime, iteration: $0, value: creation) }
        try await store.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
        try await store.recordSpec(
            SpecResult(
                spec: "run",
                samples: [
                    Sample(metric: .leftoverContainers, iteration: 0, value: 0),
                    Sample(metric: Metric.run.busySpecs.id, iteration: 0, value: busy ? 1 : 0),
                ] + run), for: id)
        try await store.finishRun(id, status: .completed)
        return id
    }
}
