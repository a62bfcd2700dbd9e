import BenchModel
import Foundation
import ResultsStore

extension BaselineResolver {
    /// The baseline a stored decision compared with, as it can be compared with again.
    package enum DecidedBaseline: Sendable, Equatable {
        /// The decision compared with no baseline (the very first run, or a run that did not complete).
        case none
        case available(Resolution)
        /// The decision had a baseline that can no longer be compared with; `why` says why.
        case gone(why: String)
    }

    /// The baseline of `decision`, a decision of `candidate`: its runs, found by UUID, all completed;
    /// or its baseline file, read back from the content the store kept with it — never a stored
    /// run that has the file's UUID.
    package func decidedBaseline(of candidate: RunRecord, decision: DecisionRecord) throws -> DecidedBaseline {
        let kept = decision.baseline
        if kept.kind == "file" { return try decidedFile(kept) }
        guard !kept.runs.isEmpty else { return .none }
        var runs: [RunRecord] = []
        for reference in kept.runs {
            let name = reference.id.map { "run \($0)" } ?? "run \(reference.uuid.uuidString.lowercased())"
            guard let run = try reader.run(uuid: reference.uuid) else {
                return .gone(why: "\(name) is no longer in this database")
            }
            guard run.status == .completed else { return .gone(why: "run \(run.id) is \(run.status.rawValue)") }
            runs.append(run)
        }
        return .available(
            Resolution(
                stored: kept.kind, runs: runs, name: kept.name, testbed: candidate.testbed, fallbackLabel: kept.label))
    }

    /// The baseline of the candidate's verdict (its latest standing decision) when it can be
    /// compared with; nil otherwise (never gated, gated without a baseline, or against runs or a
    /// file this store no longer holds). What every view of the verdict shows its figures from.
    package func decidedBaseline(of candidate: RunRecord) throws -> Resolution? {
        guard let verdict = try reader.decisions(run: candidate.id).verdict,
            case .available(let resolution) = try decidedBaseline(of: candidate, decision: verdict)
        else { return nil }
        return resolution
    }

    private func decidedFile(_ kept: BaselineReference) throws -> DecidedBaseline {
        let label = kept.label ?? "its baseline file"
        guard let sha256 = kept.sha256 else {
            return .gone(why: "an earlier sandbox-bench made it and kept no copy of the file's content")
        }
        guard let stored = try reader.baselineFile(sha256: sha256) else {
            return .gone(why: "this database does not keep the file's content (\(sha256.prefix(19)))")
        }
        let file: BaselineFile
        do {
            file = try BaselineFile(json: Data(stored.content.utf8), source: label)
        } catch {
            return .gone(why: "its stored content can no longer be read: \(error)")
        }
        return .available(
            Resolution(
                kind: "file", runs: [], name: kept.name, label: label, file: file,
                fileRunID: kept.runs.first?.id, fileContent: stored))
    }
}
