import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import Regression
import ResultsStore
import SQLiteStore
import SyntheticHistory

/// A month of demo nights for looking at a report: most complete, one fails, one is aborted,
/// one regresses and is gated, so its alert is stored. A baseline `default` points at an early
/// run; the engine's runc is upgraded near the end; a label carries markup.
enum DemoHistory {
    /// The demo's gate uses a floor for parallel efficiency that fits a 2-core host: 5 containers on 2
    /// cores reach about 0.35, so the default 0.5 floor would alert on every night.
    static let configuration = RegressionConfiguration(minParallelEfficiency: 0.25)

    static func write(path: String, runs: Int) async throws {
        let store = try await SQLiteResultsStore.open(path: path)
        let writer = SyntheticRunWriter(store: store)
        let first = Date(timeIntervalSince1970: 1_761_962_400)  // 2025-11-01 02:00 UTC
        let failedDay = runs * 7 / 30
        let abortedDay = runs * 19 / 30
        let regressionDay = runs * 24 / 30
        let baselineDay = 3
        for day in 0..<runs {
            var night = DemoNight(
                day: day, regressed: day == regressionDay, runcUpgraded: day >= runs - 4,
                losesAnIteration: day == runs - 1)
            let run = NewRun(
                suite: "full", label: day == 12 ? "<script>alert('x')</script> & \"friends\"" : "nightly",
                gitCommit: night.gitCommit(),
                startedAt: first.addingTimeInterval(Double(day) * 86_400 + Double(day % 5) * 97))
            let environment = night.environment()
            let specs = night.specs()
            let outcome: SyntheticOutcome =
                switch day {
                case failedDay: .failed(afterSpecs: 1)
                case abortedDay: .aborted(afterSpecs: 4)
                default: .completed
                }
            let stored = try await writer.store(run, environment: environment, specs: specs, outcome: outcome)
            guard stored.status == .completed else { continue }
            // Gated as `run --gate` gates it, then made the baseline, as a user does after a good
            // night: a run is never gated against itself.
            try await gate(runID: stored.id, store: store)
            if day == baselineDay {
                try await store.setBaseline(name: BaselineResolver.defaultName, run: stored.id, note: "demo reference")
            }
        }
    }

    /// What `run --gate` does after a run: compare with the baseline, store the alerts.
    static func gate(runID: Int64, store: any ResultsStore) async throws {
        let candidate = try await store.run(runID)
        _ = try await RegressionGate(store: store, progress: SilentProgress(), logger: Logger(label: "demo"))
            .evaluate(.init(candidate: candidate, configuration: configuration))
    }
}
