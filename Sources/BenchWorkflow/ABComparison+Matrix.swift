import BenchModel
import BenchSuite
import Foundation
import Reporting

extension ABComparison.Outcome {
    /// The matrix of `compare`: a column per side, A first, each later one with its gate against A.
    package func matrix(request: ABComparison.Request, seconds: Double) -> SandboxMatrix {
        let gates = Dictionary(uniqueKeysWithValues: candidates.map { ($0.side.index, $0) })
        let records = [baseline] + candidates.map(\.record)
        let columns = zip(runs, records).enumerated().map { index, pair in
            let (run, record) = pair
            let side = request.sides[index]
            let verdict = gates[index].map {
                SandboxMatrix.Verdict(passed: $0.gate.passed, alerts: $0.gate.alerts.map(\.message))
            }
            return SandboxMatrix.Column(
                side: ABSide(index).rawValue, source: side.source,
                runtime: side.profile.runtime ?? "the engine's default", runID: run.runID,
                runUUID: record.uuid, status: record.status, results: run.results, verdict: verdict,
                weakenings: side.profile.weakenings)
        }
        return SandboxMatrix(
            testbed: request.testbed, suite: request.plan.name, startedAt: startedAt, seconds: seconds,
            columns: columns)
    }
}
