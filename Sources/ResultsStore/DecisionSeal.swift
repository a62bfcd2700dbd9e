import BenchModel
import Foundation

/// A stored decision's seal: the SHA-256 of its canonical content, stored with it
/// (`decisions.digest`) and checked on every read, so that a verdict set to `passed`, a baseline
/// rewritten to another run or a document edited outside sandbox-bench is refused as damage
/// (exit 3) instead of being shown as the run's verdict or followed by the next gate.
///
/// The content is what the decision means, independent of the store: the run's id in this store
/// (a decision moved to another run is a changed decision), its time to the millisecond, tool
/// version, verdict, counts, standing, baseline (kind, name, label, runs by id and UUID, file
/// hash) and document. A copy into another store reads the decision (checking it) and seals it
/// anew there, under its new ids.
///
/// From schema version 8 the seal also covers the decision's link in its run's chain
/// (`DecisionChain`): the id and digest of the decision it follows. A decision stored before
/// version 8 keeps the digest of its content alone (seal 1), and the run's head covers its place.
///
/// It is a checksum, not a signature: someone who can write the database and recompute SHA-256
/// can forge one, as with any database they may write. It catches an edit made with a SQL shell
/// or a script that does not know the seal, which is what "changed outside the tool" means.
package enum DecisionSeal {
    /// `sha256:<hex>` of the decision's canonical content and the decision it follows in its run
    /// (`nil` for its run's first): the seal a decision is stored with.
    package static func digest(of decision: DecisionRecord, after previous: DecisionChain.Predecessor?) -> String {
        let link = ["sandbox-bench decision seal 2", previous.map { String($0.id) } ?? "-", previous?.digest ?? "-"]
        return sha256(link + fields(of: decision))
    }

    /// `sha256:<hex>` of the decision's canonical content alone: the seal of a decision stored at
    /// schema version 6 or 7.
    package static func contentDigest(of decision: DecisionRecord) -> String {
        sha256(["sandbox-bench decision seal 1"] + fields(of: decision))
    }

    /// Each field with its length, so that no two decisions give one text.
    private static func sha256(_ fields: [String]) -> String {
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
        return "sha256:" + SHA256.hex(of: Array(text.utf8))
    }

    /// The fields of the decision's content the digest is taken of.
    static func fields(of decision: DecisionRecord) -> [String] {
        [
            String(decision.runID),
            String(Int64((decision.decidedAt.timeIntervalSince1970 * 1000).rounded())),
            decision.toolVersion,
            decision.verdict.rawValue,
            String(decision.alertCount),
            String(decision.missingCount),
            decision.standing ? "standing" : "one-off",
            decision.baseline.kind,
            decision.baseline.name ?? "",
            decision.baseline.label ?? "",
            // Not the column's JSON: an encoder may order its keys either way.
            decision.baseline.runs.map { "\($0.id.map(String.init) ?? "-") \($0.uuid.uuidString)" }
                .joined(separator: ", "),
            decision.baseline.sha256 ?? "",
            decision.document,
        ]
    }
}
