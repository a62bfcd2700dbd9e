import BenchModel
import Foundation
import ResultsStore

/// Copies finished runs from one store to another, whole and once: a run is known by its UUID,
/// so copying again, or copying back, writes nothing twice. Runs go in id order, so that a
/// confirmation run finds its parent and a copy into an empty store numbers its runs as the
/// source did. The baselines of the copied runs come along unless the target already has a
/// baseline of that name on that testbed.
package struct StoreCopy: Sendable {
    package var source: any ResultsStore
    package var target: any ResultsStore

    package init(from source: any ResultsStore, to target: any ResultsStore) {
        self.source = source
        self.target = target
    }

    /// What a copy did.
    package struct Outcome: Sendable, Codable, Equatable {
        /// Runs stored in the target.
        package var copied = 0
        /// Runs the target held already (by UUID).
        package var alreadyPresent = 0
        /// Runs still running in the source: they are copied once they have finished.
        package var skippedRunning = 0
        /// Baselines set in the target.
        package var baselinesCopied = 0
        /// Baselines the target has under the same testbed and name, pointing elsewhere: left as they are.
        package var baselinesKept: [String] = []
    }

    /// Copies the runs started at or after `since` (all when nil) of `testbed` (every testbed when nil).
    package func copy(since: Date? = nil, testbed: String? = nil) async throws -> Outcome {
        var outcome = Outcome()
        let selected = try await source.read {
            try $0.runs(RunQuery(testbed: testbed, since: since, order: .oldestFirst))
        }
        .sorted { $0.id < $1.id }
        var targetIDs: [UUID: Int64] = [:]
        for run in selected {
            guard run.status != .running else {
                outcome.skippedRunning += 1
                continue
            }
            if let present = try await target.read({ try $0.run(uuid: run.uuid) }) {
                outcome.alreadyPresent += 1
                targetIDs[run.uuid] = present.id
                continue
            }
            let portable = try await source.read { try $0.portableRun(run.id) }
            switch try await target.importRun(portable) {
            case .stored(let id):
                outcome.copied += 1
                targetIDs[run.uuid] = id
            case .alreadyPresent(let id):
                outcome.alreadyPresent += 1
                targetIDs[run.uuid] = id
            }
        }
        try await copyBaselines(of: selected, targetIDs: targetIDs, into: &outcome)
        return outcome
    }

    private func copyBaselines(of runs: [RunRecord], targetIDs: [UUID: Int64], into outcome: inout Outcome) async throws
    {
        let uuids = Dictionary(runs.map { ($0.id, $0.uuid) }, uniquingKeysWith: { first, _ in first })
        let baselines = try await source.read { try $0.baselines() }.filter { uuids[$0.runID] != nil }
        guard !baselines.isEmpty else { return }
        let existing = try await target.read { try $0.baselines() }
        for baseline in baselines {
            guard let uuid = uuids[baseline.runID], let targetID = targetIDs[uuid] else { continue }
            if let present = existing.first(where: { $0.testbed == baseline.testbed && $0.name == baseline.name }) {
                if present.runID != targetID { outcome.baselinesKept.append("\(baseline.testbed)/\(baseline.name)") }
                continue
            }
            try await target.setBaseline(
                name: baseline.name, run: targetID, note: baseline.note, createdAt: baseline.createdAt)
            outcome.baselinesCopied += 1
        }
    }
}
