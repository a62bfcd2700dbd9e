import BenchModel
import Foundation
import Regression
import ResultsStore

/// A month of nightly runs for looking at a report: most complete, one fails, one is aborted,
/// one regresses (its containers start about 45 % slower) and is gated, so its alert is stored.
/// A baseline `default` points at an early run; the engine's runc is upgraded near the end;
/// a label, a note and a container's output carry markup that must come out escaped.
enum DemoHistory {
    /// The demo's gate uses a floor for parallel efficiency that fits a 2-core host (see DESIGN.md).
    static let configuration = RegressionConfiguration(minParallelEfficiency: 0.25)

    static func write(path: String, runs: Int) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw UsageError("\(path) already exists; the demo writes a new database.")
        }
        let database = try ResultsDatabase(path: path)
        let first = Date(timeIntervalSince1970: 1_761_962_400)  // 2025-11-01 02:00 UTC
        let failedDay = runs * 7 / 30
        let abortedDay = runs * 19 / 30
        let regressionDay = runs * 24 / 30
        let baselineDay = 3
        for day in 0..<runs {
            var night = DemoNight(day: day, regressed: day == regressionDay, runcUpgraded: day >= runs - 4)
            night.losesAnIteration = day == runs - 1
            let startedAt = first.addingTimeInterval(Double(day) * 86_400 + Double(day % 5) * 97)
            let label = day == 12 ? "<script>alert('x')</script> & \"friends\"" : "nightly"
            let id = try database.beginRun(
                NewRun(suite: "full", label: label, gitCommit: night.hex(40), startedAt: startedAt))
            try database.recordEnvironment(night.environment(), for: id)
            var specs = night.specs()
            if day == failedDay { specs = Array(specs.prefix(1)) }
            if day == abortedDay { specs = Array(specs.prefix(4)) }
            var elapsed = 0.0
            for spec in specs {
                elapsed += spec.wallSeconds
                try database.recordSpec(spec, for: id, recordedAt: startedAt.addingTimeInterval(elapsed))
            }
            let endedAt = startedAt.addingTimeInterval(elapsed + 2)
            switch day {
            case failedDay:
                try database.finishRun(
                    id, status: .failed, reason: "The Docker engine stopped answering on /var/run/docker.sock.", endedAt: endedAt)
                continue
            case abortedDay:
                try database.finishRun(id, status: .aborted, reason: "Interrupted by SIGTERM.", endedAt: endedAt)
                continue
            default:
                try database.finishRun(id, status: .completed, endedAt: endedAt)
            }
            if day == baselineDay {
                try database.setBaseline(name: BaselineResolver.defaultName, run: id, note: "demo reference")
            }
            try gate(runID: id, database: database)
        }
        print("Wrote \(runs) runs to \(path); report them with --min-parallel-efficiency 0.25 (a 2-core host's floor).")
    }

    /// What `run --gate` does after a run: compare with the baseline, store the alerts.
    static func gate(runID: Int64, database: ResultsDatabase) throws {
        let candidate = try database.run(runID)
        let resolution = try BaselineResolver(database: database).resolve(for: candidate)
        guard resolution != nil else { return }
        let comparison = try StoredComparison.load(
            database: database, candidate: candidate, baseline: resolution, configuration: configuration)
        try database.replaceAlerts(comparison.alertRecords(at: candidate.endedAt ?? candidate.startedAt), for: runID)
    }
}
