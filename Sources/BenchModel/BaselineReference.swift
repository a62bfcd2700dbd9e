import Foundation

/// What a comparison was made against, as a decision records it: how the baseline was chosen,
/// its name and label, and its runs by id and UUID.
package struct BaselineReference: Sendable, Codable, Hashable {
    /// How the baseline was chosen: `named`, `run`, `latest`, `window`, `fallback`, `file`, `none`, ...
    package var kind: String
    package var name: String?
    package var label: String?
    /// The baseline's runs, oldest first: their ids in this store (nil for a run that only a file
    /// holds) and their UUIDs.
    package var runs: [Run]
    /// For a baseline file (`kind` `file`): the SHA-256 of its content, as `sha256:<hex>`. The
    /// store keeps the content under it, so that a later gate compares with exactly that content.
    package var sha256: String?

    package struct Run: Sendable, Codable, Hashable {
        package var id: Int64?
        package var uuid: UUID

        package init(id: Int64?, uuid: UUID) {
            self.id = id
            self.uuid = uuid
        }
    }

    package init(kind: String, name: String?, label: String?, runs: [Run], sha256: String? = nil) {
        self.kind = kind
        self.name = name
        self.label = label
        self.runs = runs
        self.sha256 = sha256
    }

    /// No baseline: the first run of a testbed.
    package static let none = BaselineReference(kind: "none", name: nil, label: nil, runs: [])

    /// How people read a baseline of stored runs, from what it is: `baseline "default" (run 4)`,
    /// `run 7`, `run 7 (the latest clean run)`, `median of the 5 runs 3–7`. Nil for the kinds
    /// whose label says more than their runs (a file, an A/B run, none), which keep their own.
    /// The ids are a store's own, so a run copied into another store is labelled anew there.
    /// `otherTestbed`: the baseline runs' testbed when it is not the candidate's, which the label
    /// then names (`run 7 of testbed gen2-eu`).
    package static func label(kind: String, name: String?, runIDs: [Int64?], otherTestbed: String? = nil) -> String? {
        let plain = plainLabel(kind: kind, name: name, runIDs: runIDs)
        guard let otherTestbed else { return plain }
        return plain.map { "\($0) of testbed \(otherTestbed)" }
    }

    private static func plainLabel(kind: String, name: String?, runIDs: [Int64?]) -> String? {
        let names = runIDs.map { $0.map { "run \($0)" } ?? "a run this database does not hold" }
        guard let first = names.first, let last = names.last else { return nil }
        switch kind {
        case "named": return name.map { "baseline \"\($0)\" (\(first))" }
        case "run", "latest": return first
        case "fallback": return "\(first) (the latest clean run)"
        case "window":
            guard names.count > 1 else { return first }
            // A window skips runs whose verdict failed: a range names only consecutive ids.
            let ids = runIDs.compactMap { $0 }
            let consecutive = ids.count == runIDs.count && zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 }
            let range =
                consecutive
                ? "\(ids.first!)–\(ids.last!)"
                : ids.count == runIDs.count ? ids.map(String.init).joined(separator: ", ") : "\(first) to \(last)"
            return "median of the \(names.count) runs \(range)"
        default: return nil
        }
    }

    /// The same baseline, its label made from its runs' ids as they are now (after an import
    /// numbered them anew); a label of a kind ``label(kind:name:runIDs:otherTestbed:)`` does not make is kept.
    package func relabelled(otherTestbed: String?) -> BaselineReference {
        var copy = self
        if let label = Self.label(kind: kind, name: name, runIDs: runs.map(\.id), otherTestbed: otherTestbed) {
            copy.label = label
        }
        return copy
    }
}
