import BenchModel
import Foundation

/// Everything one run is, independent of any store's numbering: what moves a run from one store
/// to another (`copy`), or into a file (a baseline exported for CI) and back. Runs are known by
/// their UUIDs; the ids inside (`run.id`, a decision's baseline ids) are the source store's.
package struct PortableRun: Sendable, Codable, Hashable {
    package var run: RunRecord
    /// The UUID of the run a confirmation run confirms.
    package var parentUUID: UUID?
    package var environment: EnvironmentFingerprint?
    /// Every spec with its raw samples, checks, failures, notes and containers, in recording order.
    package var specs: [SpecResult]
    /// Every gate decision, oldest first.
    package var decisions: [DecisionRecord]
    /// The alerts of the run's verdict, its latest standing decision.
    package var alerts: [AlertRecord]

    package init(
        run: RunRecord, parentUUID: UUID?, environment: EnvironmentFingerprint?, specs: [SpecResult],
        decisions: [DecisionRecord], alerts: [AlertRecord]
    ) {
        self.run = run
        self.parentUUID = parentUUID
        self.environment = environment
        self.specs = specs
        self.decisions = decisions
        self.alerts = alerts
    }
}

/// What storing a portable run did.
package enum ImportOutcome: Sendable, Hashable {
    /// Stored under this id.
    case stored(id: Int64)
    /// A run with the same UUID was already there (under this id); nothing was written.
    case alreadyPresent(id: Int64)

    package var id: Int64 {
        switch self {
        case .stored(let id), .alreadyPresent(let id): return id
        }
    }
}

extension ResultsReader {
    /// The run as it moves between stores.
    package func portableRun(_ runID: Int64) throws -> PortableRun {
        let run = try run(runID)
        return PortableRun(
            run: run, parentUUID: try run.parentRunID.map { try self.run($0).uuid },
            environment: try environment(run: runID),
            specs: try specs(run: runID), decisions: try decisions(run: runID), alerts: try alerts(run: runID))
    }
}

extension PortableRun {
    /// The run's decisions and alerts with their baseline runs numbered as the store `reader`
    /// reads: a baseline run keeps its UUID, and its id is the store's when the store holds a run
    /// of that UUID, else unknown (nil). What an import stores, in either backend.
    package func decisionsAndAlerts(numberedBy reader: any ResultsReader) throws -> (
        decisions: [DecisionRecord], alerts: [AlertRecord]
    ) {
        let numbered = try decisions.map { decision in
            var decision = decision
            let held = try decision.baseline.runs.map { try reader.run(uuid: $0.uuid) }
            decision.baseline.runs = zip(decision.baseline.runs, held).map { .init(id: $1?.id, uuid: $0.uuid) }
            let otherTestbed = held.compactMap { $0?.testbed }.first { $0 != run.testbed }
            decision.baseline = decision.baseline.relabelled(otherTestbed: otherTestbed)
            return decision
        }
        let alerts = try self.alerts.map { alert in
            var alert = alert
            let uuid = decisions.verdict?.baseline.runs.last { $0.id == alert.baselineRunID }?.uuid
            alert.baselineRunID = try uuid.flatMap { try reader.run(uuid: $0) }?.id
            return alert
        }
        return (numbered, alerts)
    }
}

extension BaselineReference {
    /// The baseline's runs as the `decisions.baseline_runs` column keeps them.
    package func runsJSON() throws -> String {
        String(decoding: try JSONEncoder().encode(runs), as: UTF8.self)
    }
}
