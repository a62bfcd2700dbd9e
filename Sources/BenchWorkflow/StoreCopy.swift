import BenchModel
import Foundation
import Regression
import ResultsStore

/// Copies finished runs from one store to another, whole and once: a run is known by its UUID,
/// so copying again, or copying back, writes nothing twice. Runs go in id order, so that a
/// confirmation run finds its parent and a copy into an empty store numbers its runs as the
/// source did. The baselines of the copied runs come along unless the target already has a
/// baseline of that name on that testbed.
///
/// A run the target holds already may have been gated since it was first copied: its later
/// decisions come along (sealed anew, with the baseline files they compared with), so that a
/// failed gate made on a host reaches the fleet. A run whose decisions in the target are not the
/// first of the source's (it was gated there too) is left as it is and named in
/// ``Outcome/diverged``: no copy makes a verdict neither store decided.
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
        /// Runs the target held already and whose later decisions it now holds too.
        package var laterDecisions: [RunDecisions] = []
        /// Runs the target holds with decisions the source does not have: their decisions were
        /// left as they are.
        package var diverged: [RunDecisions] = []
    }

    /// Decisions of one run that a copy added, or that only the target holds.
    package struct RunDecisions: Sendable, Codable, Equatable {
        /// The run's id in the source and in the target.
        package var sourceRunID: Int64
        package var targetRunID: Int64
        package var uuid: UUID
        /// How many decisions were added (``Outcome/laterDecisions``) or only the target holds
        /// (``Outcome/diverged``).
        package var count: Int
        /// The latest of them: when it was made and what it concluded.
        package var latestAt: Date
        package var latestVerdict: GateVerdict
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
            let present = try await target.read({ try $0.run(uuid: run.uuid) })
            let (portable, files) = try await source.read { reader in
                let portable = try reader.portableRun(run.id)
                let hashes = Set(portable.decisions.compactMap(\.baseline.sha256))
                return (portable, try hashes.sorted().compactMap { try reader.baselineFile(sha256: $0) })
            }
            let targetID: Int64
            if let present {
                outcome.alreadyPresent += 1
                targetID = present.id
            } else {
                switch try await target.importRun(portable) {
                case .stored(let id):
                    outcome.copied += 1
                    targetID = id
                case .alreadyPresent(let id):
                    outcome.alreadyPresent += 1
                    targetID = id
                }
            }
            targetIDs[run.uuid] = targetID
            // Decisions made since the run was first copied, and the baseline files they keep.
            switch try await target.catchUpDecisions(of: portable, baselineFiles: files, into: targetID) {
            case .upToDate: break
            case .later(let later):
                outcome.laterDecisions.append(RunDecisions(run: run, targetID: targetID, decisions: later))
            case .diverged(let targetOnly):
                outcome.diverged.append(RunDecisions(run: run, targetID: targetID, decisions: targetOnly))
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

extension StoreCopy.RunDecisions {
    init(run: RunRecord, targetID: Int64, decisions: [DecisionRecord]) {
        let latest = decisions.last
        self.init(
            sourceRunID: run.id, targetRunID: targetID, uuid: run.uuid, count: decisions.count,
            latestAt: latest?.decidedAt ?? run.startedAt, latestVerdict: latest?.verdict ?? .passed)
    }
}

extension StoreCopy {
    /// A copy that left runs' decisions as they were because the target holds decisions of them
    /// that the source does not: everything else was copied.
    package struct Diverged: CategorizedError, Equatable {
        package var runs: [RunDecisions]

        package init(runs: [RunDecisions]) {
            self.runs = runs
        }

        package var kind: FailureKind { .badInput }

        package var description: String {
            let shown = runs.prefix(3).map { run in
                "run \(run.targetRunID) there (\(run.uuid.uuidString.lowercased())): "
                    + ValueFormat.count(run.count, "decision") + " only it holds, the latest made "
                    + ISO8601Milliseconds.string(from: run.latestAt) + " (\(run.latestVerdict.rawValue))"
            }
            let more = runs.count > 3 ? "; and \(runs.count - 3) more" : ""
            return "The target holds decisions the source does not — \(shown.joined(separator: "; "))\(more) — "
                + "so the source's decisions of "
                + (runs.count == 1 ? "that run were" : "those runs were") + " not copied."
        }
    }
}
