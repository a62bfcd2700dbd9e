import BenchModel
import Foundation
import ResultsStore

/// Stores synthetic runs the way the runner stores real ones: begin, environment, one
/// transaction per spec, finish.
struct SyntheticRunWriter {
    let database: ResultsDatabase

    struct StoredRun {
        var id: Int64
        var status: RunStatus
        var sampleCount: Int
    }

    /// Stores the run of `day`, started at `startedAt`.
    func store(day: Int, startedAt: Date) throws -> StoredRun {
        var synthetic = SyntheticRun(day: day)
        let outcome = synthetic.outcome()
        let id = try database.beginRun(
            NewRun(
                suite: "default", label: day % 30 == 0 ? "monthly" : "nightly",
                gitCommit: String(synthetic.hex(40)), configurationJSON: #"{"iterations":10,"warmups":1,"parallel":5}"#,
                startedAt: startedAt))
        try database.recordEnvironment(synthetic.environment(), for: id)
        var specs = synthetic.specs()
        switch outcome {
        case .completed: break
        case .failed: specs = Array(specs.prefix(3))
        case .aborted: specs = Array(specs.prefix(8))
        }
        var elapsed = 0.0
        for spec in specs {
            elapsed += spec.wallSeconds
            try database.recordSpec(spec, for: id, recordedAt: startedAt.addingTimeInterval(elapsed))
        }
        let endedAt = startedAt.addingTimeInterval(elapsed + 1)
        let status: RunStatus
        switch outcome {
        case .completed:
            status = .completed
            try database.finishRun(id, status: .completed, endedAt: endedAt)
        case .failed:
            status = .failed
            try database.finishRun(id, status: .failed, reason: "The Docker engine stopped answering on /var/run/docker.sock.", endedAt: endedAt)
        case .aborted:
            status = .aborted
            try database.finishRun(id, status: .aborted, reason: "Interrupted by SIGTERM.", endedAt: endedAt)
        }
        return StoredRun(id: id, status: status, sampleCount: specs.reduce(0) { $0 + $1.samples.count })
    }
}
