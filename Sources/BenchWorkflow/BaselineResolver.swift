import BenchModel
import ResultsStore

/// Decides which stored runs a candidate is compared with, inside one read of the store.
///
/// A named baseline (or a run id) when one is asked for; otherwise the baseline called
/// `default`; otherwise the latest completed run before the candidate that raised no alert.
/// With a window of K, the last K completed runs before the candidate. A run that did not
/// complete is never a baseline.
package struct BaselineResolver {
    package static let defaultName = "default"

    package let reader: any ResultsReader

    package init(_ reader: any ResultsReader) {
        self.reader = reader
    }

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
        /// The run of a baseline file (`--baseline-file`), compared without importing it.
        package var file: BaselineFile?
        /// The id of the file's run in this store, when this store holds a run with its UUID.
        package var fileRunID: Int64?

        package init(
            kind: String, runs: [RunRecord], name: String?, label: String, file: BaselineFile? = nil,
            fileRunID: Int64? = nil
        ) {
            self.kind = kind
            self.runs = runs
            self.name = name
            self.label = label
            self.file = file
            self.fileRunID = fileRunID
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

        package var runIDs: [Int64] { runs.map(\.id) }

        /// The baseline as a decision records it.
        package var reference: BaselineReference {
            let references =
                if let file { [BaselineReference.Run(id: fileRunID, uuid: file.run.run.uuid)] } else {
                    runs.map { BaselineReference.Run(id: $0.id, uuid: $0.uuid) }
                }
            return BaselineReference(kind: kind, name: name, label: label, runs: references)
        }

        /// The baseline run of a file, named by the file's name: compared as it is, stored nowhere.
        package static func file(_ choice: BaselineFileChoice, in reader: any ResultsReader) throws -> Resolution {
            let uuid = choice.file.run.run.uuid
            return Resolution(
                kind: "file", runs: [], name: choice.file.name, label: choice.file.label(fileName: choice.fileName),
                file: choice.file, fileRunID: try reader.run(uuid: uuid)?.id)
        }
    }

    /// The candidate run: an id, or `latest` (the newest main run, whatever its status; of
    /// `testbed` when one is given).
    package func candidate(_ text: String?, testbed: String? = nil) throws -> RunRecord {
        guard let text, text != "latest" else {
            guard let latest = try reader.latestMainRun(testbed: testbed) else {
                if let testbed { throw ComparisonInputError.noRunsOfTestbed(testbed) }
                throw ComparisonInputError.noRuns
            }
            return latest
        }
        guard let id = Int64(text) else { throw ComparisonInputError.notARun(text) }
        return try reader.run(id)
    }

    /// The baseline for `candidate`: `requested` is a baseline name, a run id, or `latest`; nil
    /// means the default policy. Returns nil when there is nothing to compare with yet.
    package func resolve(for candidate: RunRecord, requested: String? = nil, window: Int? = nil) throws -> Resolution? {
        try resolve(for: candidate, requested: requested, window: window, file: nil)
    }

    /// The baseline for `candidate`: a baseline file when one is given; otherwise as above, except
    /// that a run gated before is compared, by default, with the baseline of its latest decision —
    /// so that every later view of the run speaks of the verdict the gate reached.
    package func resolve(for candidate: RunRecord, requested: String?, window: Int?, file: BaselineFileChoice?) throws
        -> Resolution?
    {
        if let file { return try Resolution.file(file, in: reader) }
        if requested == nil, window == nil, let stored = try decidedBaseline(of: candidate) { return stored }
        if let window {
            let runs = try reader.runs(.completedMainRuns(before: candidate, limit: window))
            guard !runs.isEmpty else { return nil }
            return Resolution(stored: "window", runs: Array(runs.reversed()), testbed: candidate.testbed)
        }
        switch requested {
        case .some("latest"):
            return try reader.latestCompletedRun(before: candidate).map {
                Resolution(stored: "latest", runs: [$0], testbed: candidate.testbed)
            }
        case .some(let text) where Int64(text) != nil:
            let run = try reader.run(Int64(text)!)
            try Self.requireCompleted(run)
            return Resolution(stored: "run", runs: [run], testbed: candidate.testbed)
        case .some(let name):
            return try named(name, testbed: candidate.testbed)
        case .none:
            if try reader.baseline(named: Self.defaultName, testbed: candidate.testbed) != nil {
                return try named(Self.defaultName, testbed: candidate.testbed)
            }
            return try reader.runs(.completedMainRuns(before: candidate, withoutAlerts: true, limit: 1)).first.map {
                Resolution(stored: "fallback", runs: [$0], testbed: candidate.testbed)
            }
        }
    }

    /// Checks, before anything is measured, that `requested` (a name, a run id or `latest`) can
    /// be a baseline of a run of `testbed`: a gate that would refuse it after minutes of
    /// measuring refuses it now (exit 2) and stores nothing.
    package func requireUsable(_ requested: String, testbed: String) throws {
        if requested == "latest" { return }
        if let id = Int64(requested) { return try Self.requireCompleted(try reader.run(id)) }
        guard let baseline = try reader.baseline(named: requested, testbed: testbed) else {
            throw StoreError.unknownBaseline(name: requested, testbed: testbed)
        }
        try Self.requireCompleted(try reader.run(baseline.runID))
    }

    /// The baseline of the candidate's latest decision, when that decision compared with runs this
    /// store still holds, all completed; nil otherwise (never gated, gated without a baseline, or
    /// against a file or runs that are not here).
    package func decidedBaseline(of candidate: RunRecord) throws -> Resolution? {
        guard let decision = try reader.decisions(run: candidate.id).last, !decision.baseline.runs.isEmpty else {
            return nil
        }
        var runs: [RunRecord] = []
        for reference in decision.baseline.runs {
            guard let run = try reader.run(uuid: reference.uuid), run.status == .completed else { return nil }
            runs.append(run)
        }
        return Resolution(
            stored: decision.baseline.kind, runs: runs, name: decision.baseline.name, testbed: candidate.testbed,
            fallbackLabel: decision.baseline.label)
    }

    /// The baseline `name` of the candidate's testbed.
    private func named(_ name: String, testbed: String) throws -> Resolution {
        guard let baseline = try reader.baseline(named: name, testbed: testbed) else {
            throw StoreError.unknownBaseline(name: name, testbed: testbed)
        }
        let run = try reader.run(baseline.runID)
        try Self.requireCompleted(run)
        return Resolution(stored: "named", runs: [run], name: name, testbed: testbed)
    }

    /// Throws ``ComparisonInputError/notCompleted(id:status:)`` unless `run` completed.
    static func requireCompleted(_ run: RunRecord) throws {
        guard run.status == .completed else {
            throw ComparisonInputError.notCompleted(id: run.id, status: run.status)
        }
    }
}

/// Comparison requests that cannot be met; each maps to "bad input" (exit 2).
package enum ComparisonInputError: CategorizedError, Equatable {
    case noRuns
    case noRunsOfTestbed(String)
    case notARun(String)
    case notCompleted(id: Int64, status: RunStatus)
    /// The run to compare did not complete: there is nothing valid to compare.
    case candidateNotCompleted(id: Int64, status: RunStatus, reason: String?)
    /// A view of one testbed's history asked of a store that holds several.
    case testbedNeeded([String])

    package var kind: FailureKind {
        switch self {
        case .candidateNotCompleted(_, .running, _): return .badInput
        case .candidateNotCompleted: return .suiteFailure
        case .noRuns, .noRunsOfTestbed, .notARun, .notCompleted, .testbedNeeded: return .badInput
        }
    }

    package var description: String {
        switch self {
        case .noRuns:
            return "There are no runs yet; run `sandbox-bench run` first."
        case .noRunsOfTestbed(let testbed):
            return
                "There are no runs of the testbed \"\(TerminalSafe.inline(testbed))\" yet; `sandbox-bench runs list` shows the runs of every testbed."
        case .notARun(let text):
            return "\"\(TerminalSafe.inline(text))\" is neither a run id nor `latest`; see `sandbox-bench runs list`."
        case .notCompleted(let id, let status):
            return
                "Run \(id) is \(status.rawValue), and only a completed run can be a baseline; pick another with `sandbox-bench runs list`."
        case .candidateNotCompleted(let id, let status, let reason):
            let why = reason.map { " (\($0))" } ?? ""
            return
                "Run \(id) is \(status.rawValue)\(why), so there is nothing valid to compare; `sandbox-bench runs show \(id)` says what went wrong."
        case .testbedNeeded(let testbeds):
            let names =
                testbeds.prefix(5).map(TerminalSafe.inline).joined(separator: ", ") + (testbeds.count > 5 ? ", …" : "")
            return
                "The database holds the runs of \(testbeds.count) testbeds (\(names)), and this view shows one testbed's history; "
                + "name it with --testbed (`report --fleet` shows every testbed side by side)."
        }
    }
}
