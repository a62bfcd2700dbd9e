import BenchModel
import Foundation

/// A run's decisions as a chain, so that a decision deleted or moved outside sandbox-bench is
/// damage as an edited one is (`DecisionSeal` catches edits of one row; it cannot see a row that
/// is gone).
///
/// Each decision stores the id and digest of the one before it in its run (`previous_id`,
/// `previous_digest`; none for the first), and its own digest seals that link with its content.
/// The run keeps the chain's head (`runs.decision_count`, `runs.decision_head`): the count and a
/// SHA-256 over the run's id and every decision's id and digest, oldest first — a run with no
/// decision has a head too. Both are written in the transaction that stores a decision, and
/// checked on every read of a run's decisions: the latest deleted (the head names a decision that
/// is not there), one in the middle (a link points past it, and the count is short), all of them
/// (the run would look "not gated"; the head still counts them) or one moved to another run
/// (a gap in one chain, a stranger in the other).
///
/// Like the seal, it is a checksum, not a signature: someone who can write the database and
/// recomputes the digests and the head can forge any chain. It catches rows deleted, moved or
/// relinked with a SQL shell or a script that does not compute them. Restoring an older copy of
/// the whole database (or of a run's rows with its head) is not a change it can see.
package enum DecisionChain {
    /// One decision's place in its run's chain, as stored.
    package struct Link: Sendable, Hashable {
        package var id: Int64
        package var previousID: Int64?
        /// The digest of the decision before it (nil for the first, and after one stored before
        /// schema version 6, which has none).
        package var previousDigest: String?
        /// Nil for a decision stored before schema version 6.
        package var digest: String?

        package init(id: Int64, previousID: Int64?, previousDigest: String?, digest: String?) {
            self.id = id
            self.previousID = previousID
            self.previousDigest = previousDigest
            self.digest = digest
        }

        /// The link of decision `id` stored after `previous` (none for a run's first).
        package init(id: Int64, after previous: Predecessor?, digest: String?) {
            self.init(id: id, previousID: previous?.id, previousDigest: previous?.digest, digest: digest)
        }
    }

    /// What a new decision of a run records as the one it follows: the run's latest, if any.
    package struct Predecessor: Sendable, Hashable {
        package var id: Int64
        package var digest: String?

        package init(id: Int64, digest: String?) {
            self.id = id
            self.digest = digest
        }
    }

    /// What the run keeps of its chain.
    package struct Head: Sendable, Hashable {
        package var count: Int
        package var digest: String?

        package init(count: Int, digest: String?) {
            self.count = count
            self.digest = digest
        }
    }

    /// The head of run `runID` whose decisions, oldest first, are `links`.
    package static func head(run runID: Int64, links: [Link]) -> Head {
        var fields = ["sandbox-bench decision head 1", String(runID), String(links.count)]
        fields += links.map { "\($0.id) \($0.digest ?? "-")" }
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
        return Head(count: links.count, digest: "sha256:" + SHA256.hex(of: Array(text.utf8)))
    }

    /// The predecessor a decision appended after `links` records.
    package static func predecessor(after links: [Link]) -> Predecessor? {
        links.last.map { Predecessor(id: $0.id, digest: $0.digest) }
    }

    /// Why the stored chain of run `runID` is not the one sandbox-bench wrote — a sentence ending
    /// in what was done to it — or nil when it is. `links` are the run's decisions by id.
    package static func problem(run runID: Int64, head: Head, links: [Link]) -> String? {
        for (index, link) in links.enumerated() {
            let before = index > 0 ? links[index - 1] : nil
            if link.previousID != before?.id || link.previousDigest != before?.digest {
                let follows = link.previousID.map { "decision \($0)" } ?? "no decision"
                let stored = before.map { "decision \($0.id)" } ?? "none"
                return "decision \(link.id) of run \(runID) follows \(follows), but the one before it is \(stored): "
                    + "a decision was deleted, moved or relinked outside sandbox-bench"
            }
        }
        if head.count != links.count {
            return "run \(runID) holds \(links.count) of the \(head.count) decision(s) its head counts: "
                + "a decision was deleted or moved outside sandbox-bench"
        }
        guard head.digest == Self.head(run: runID, links: links).digest else {
            return head.digest == nil
                ? "run \(runID) has no head for its decisions: it was removed outside sandbox-bench"
                : "run \(runID)'s decisions are not those its head seals: a decision was deleted, moved "
                    + "or added outside sandbox-bench"
        }
        return nil
    }
}
