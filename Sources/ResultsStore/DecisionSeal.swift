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
/// It is a checksum, not a signature: someone who can write the database and recompute SHA-256
/// can forge one, as with any database they may write. It catches an edit made with a SQL shell
/// or a script that does not know the seal, which is what "changed outside the tool" means.
package enum DecisionSeal {
    /// `sha256:<hex>` of the decision's canonical content.
    package static func digest(of decision: DecisionRecord) -> String {
        let text = canonical(of: decision)
        return "sha256:" + SHA256.hex(of: Array(text.utf8))
    }

    /// The text the digest is taken of.
    static func canonical(of decision: DecisionRecord) -> String {
        let fields: [String] = [
            "sandbox-bench decision seal 1",
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
        // Each field with its length, so that no two decisions give one text.
        return fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
    }
}
