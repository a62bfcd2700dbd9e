import BenchModel
import Foundation
import ResultsStore

extension BaselineResolver {
    /// What the comparison uses, and how to name it.
    package struct Resolution: Sendable, Equatable {
        /// How the baseline was chosen: `named`, `run`, `latest`, `window`, `fallback`, `file`, `ab`,
        /// or the kind of the stored decision whose baseline it is.
        package var kind: String
        /// The baseline's runs in this store, oldest first; empty for a baseline file.
        package var runs: [RunRecord]
        /// The baseline's name when a named baseline was used.
        package var name: String?
        package var label: String
        /// The run of a baseline file (`--baseline-file`, or a decision's stored file), compared as
        /// it is: never a stored run that happens to have its UUID.
        package var file: BaselineFile?
        /// The id of the file's run in this store, when this store holds a run with its UUID.
        package var fileRunID: Int64?
        /// The file's content and SHA-256, which a decision keeps.
        package var fileContent: StoredBaselineFile?

        package init(
            kind: String, runs: [RunRecord], name: String?, label: String, file: BaselineFile? = nil,
            fileRunID: Int64? = nil, fileContent: StoredBaselineFile? = nil
        ) {
            self.kind = kind
            self.runs = runs
            self.name = name
            self.label = label
            self.file = file
            self.fileRunID = fileRunID
            self.fileContent = fileContent
        }

        /// A baseline of stored runs for a candidate of `testbed`, labelled as
        /// ``BaselineReference/label(kind:name:runIDs:otherTestbed:)`` says; `fallbackLabel` for a kind it does not label.
        init(stored kind: String, runs: [RunRecord], name: String? = nil, testbed: String, fallbackLabel: String? = nil)
        {
            let otherTestbed = runs.map(\.testbed).first { $0 != testbed }
            let label =
                BaselineReference.label(kind: kind, name: name, runIDs: runs.map(\.id), otherTestbed: otherTestbed)
                ?? fallbackLabel ?? runs.map { "run \($0.id)" }.joined(separator: ", ")
            self.init(kind: kind, runs: runs, name: name, label: label)
        }

        /// A window of runs (oldest first), and the runs it passed over because their verdict
        /// failed, which its label names: "median of the 2 runs 1–2 (skipped runs 3, 4: their
        /// verdict failed)".
        init(window runs: [RunRecord], skipped: [Int64], testbed: String) {
            self.init(stored: "window", runs: runs, testbed: testbed)
            guard !skipped.isEmpty else { return }
            let ids = skipped.sorted().map(String.init).joined(separator: ", ")
            label += " (skipped \(skipped.count == 1 ? "run" : "runs") \(ids): their verdict failed)"
        }

        package var runIDs: [Int64] { runs.map(\.id) }

        /// The baseline as a decision records it.
        package var reference: BaselineReference {
            let references =
                if let file { [BaselineReference.Run(id: fileRunID, uuid: file.run.run.uuid)] } else {
                    runs.map { BaselineReference.Run(id: $0.id, uuid: $0.uuid) }
                }
            return BaselineReference(
                kind: kind, name: name, label: label, runs: references, sha256: fileContent?.sha256)
        }

        /// The testbed of a baseline run — stored, or a baseline file's — that is not `testbed`, when
        /// there is one: a comparison with it named by a gate is a one-off unless asked to stand
        /// (`--standing`). A file is no exception: a CI runner whose runs and file share a testbed
        /// (`--testbed`) keeps its verdict; one whose do not opts in.
        package func otherTestbed(than testbed: String) -> String? {
            if let file, file.run.run.testbed != testbed { return file.run.run.testbed }
            return runs.map(\.testbed).first { $0 != testbed }
        }

        /// The baseline run of a file, named by the file's name: compared as it is, stored nowhere
        /// but its content, with the decision.
        package static func file(_ choice: BaselineFileChoice, in reader: any ResultsReader) throws -> Resolution {
            let uuid = choice.file.run.run.uuid
            return Resolution(
                kind: "file", runs: [], name: choice.file.name, label: choice.file.label(fileName: choice.fileName),
                file: choice.file, fileRunID: try reader.run(uuid: uuid)?.id, fileContent: choice.content)
        }

        /// True when the baseline is the candidate itself: one of its runs, or a file of it (its UUID).
        package func names(_ candidate: RunRecord) -> Bool {
            runs.contains { $0.uuid == candidate.uuid } || file?.run.run.uuid == candidate.uuid
        }
    }
}
