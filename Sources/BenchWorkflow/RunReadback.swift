import BenchModel
import ResultsStore

/// What a run handed to the store, counted the way the store must hold it, and compared with
/// what the store holds. A database that takes a write and keeps something else (a trigger that
/// deletes every inserted sample, one that doubles them, a rule that drops them) must not get a
/// run that calls itself completed: the run reads back what it wrote, in one snapshot, before it
/// says so.
struct RunReadback: Equatable, Sendable {
    /// How many rows of each kind, per spec (and per metric for samples and summaries).
    var counts: [Entry: Int] = [:]

    struct Entry: Hashable, Comparable, Sendable {
        /// What is counted, as a sentence names it: "samples", "failures", "containers".
        var kind: String
        /// The spec, or the metric for samples and summaries: "creation", "creation.create_s".
        var subject: String

        static func < (a: Entry, b: Entry) -> Bool { (a.subject, a.kind) < (b.subject, b.kind) }
    }

    /// What the store must hold for these spec results: each as the store keeps it (a sample
    /// whose value is not finite is kept as a failure; a summary per metric with samples).
    init(handedOver results: [SpecResult]) {
        for result in results {
            let (stored, summaries) = result.preparedForStorage()
            add("spec results", stored.spec)
            for sample in stored.samples { add("samples", sample.metric.rawValue) }
            for summary in summaries { add("summaries", summary.metric.rawValue) }
            for _ in stored.failures { add("failures", stored.spec) }
            for _ in stored.checks { add("checks", stored.spec) }
            for _ in stored.notes { add("notes", stored.spec) }
            for _ in stored.containers { add("containers", stored.spec) }
        }
    }

    /// What the store holds for run `runID`, read in the caller's snapshot.
    init(stored reader: any ResultsReader, run runID: Int64) throws {
        for spec in try reader.specRecords(run: runID) { add("spec results", spec.spec) }
        for sample in try reader.samples(run: runID, metric: nil) { add("samples", sample.sample.metric.rawValue) }
        for summary in try reader.summaries(run: runID) { add("summaries", summary.metric.rawValue) }
        for failure in try reader.failures(run: runID) { add("failures", failure.spec) }
        for check in try reader.checks(run: runID) { add("checks", check.spec) }
        for note in try reader.notes(run: runID) { add("notes", note.spec) }
        for container in try reader.containers(run: runID) { add("containers", container.spec) }
    }

    private mutating func add(_ kind: String, _ subject: String) {
        counts[Entry(kind: kind, subject: subject), default: 0] += 1
    }

    /// Every count that differs between what was handed over (`self`) and what is `stored`,
    /// as "kept 0 of 6 creation.create_s samples"; empty when the store holds exactly the run.
    func differences(from stored: RunReadback) -> [String] {
        Set(counts.keys).union(stored.counts.keys).sorted().compactMap { entry in
            let written = counts[entry] ?? 0
            let kept = stored.counts[entry] ?? 0
            guard written != kept else { return nil }
            return written > kept
                ? "kept \(kept) of \(written) \(entry.subject) \(entry.kind)"
                : "holds \(kept) \(entry.subject) \(entry.kind) where the run wrote \(written)"
        }
    }
}

/// The store took a run's writes and did not keep them as written: the run is stored as failed
/// with the reason, and the command exits 3 (the environment: the database does not keep what is
/// written).
package struct RunNotKept: CategorizedError, Sendable {
    package var runID: Int64
    package var store: String
    /// "kept 0 of 6 creation.create_s samples", one per difference.
    package var differences: [String]
    /// True when the run could be stored as failed with the reason.
    package var storedAsFailed: Bool

    package var kind: FailureKind { .environment }

    /// The reason stored with the run.
    var reason: String {
        "The results database did not keep what the run wrote: it \(Self.list(differences))."
    }

    package var description: String {
        let fate =
            storedAsFailed
            ? "the run is stored as failed, not completed"
            : "the run could not even be stored as failed"
        return
            "Run \(runID) was not kept as written in the results database \(store): "
            + "it \(Self.list(differences)); \(fate)."
    }

    /// The first three differences and how many more: one line, however much was lost.
    static func list(_ differences: [String]) -> String {
        let shown = differences.prefix(3).joined(separator: ", ")
        let more = differences.count - 3
        return more > 0 ? "\(shown) and \(more) more difference\(more == 1 ? "" : "s")" : shown
    }
}
