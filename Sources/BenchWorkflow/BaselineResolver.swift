import BenchModel
import ResultsStore

/// Decides which stored runs a candidate is compared with, inside one read of the store.
///
/// A named baseline (or a run id) when one is asked for; otherwise the baseline called
/// `default`; otherwise the latest completed run before the candidate that raised no alert.
/// With a window of K, the last K completed runs before the candidate. A run that did not
/// complete is never a baseline.
public struct BaselineResolver {
    public static let defaultName = "default"

    public let reader: any ResultsReader

    public init(_ reader: any ResultsReader) {
        self.reader = reader
    }

    /// What the comparison uses, and how to name it.
    public struct Resolution: Sendable, Equatable {
        /// How the baseline was chosen: `named`, `run`, `latest`, `window`, `fallback`.
        public var kind: String
        public var runs: [RunRecord]
        /// The baseline's name when a named baseline was used.
        public var name: String?
        public var label: String

        public var runIDs: [Int64] { runs.map(\.id) }

        /// The baseline as a decision records it.
        public var reference: BaselineReference {
            BaselineReference(kind: kind, name: name, label: label, runs: runs.map { .init(id: $0.id, uuid: $0.uuid) })
        }
    }

    /// The candidate run: an id, or `latest` (the newest main run, whatever its status; of
    /// `testbed` when one is given).
    public func candidate(_ text: String?, testbed: String? = nil) throws -> RunRecord {
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
    public func resolve(for candidate: RunRecord, requested: String? = nil, window: Int? = nil) throws -> Resolution? {
        if let window {
            let runs = try reader.runs(.completedMainRuns(before: candidate, limit: window))
            guard !runs.isEmpty else { return nil }
            let oldestFirst = Array(runs.reversed())
            let label = oldestFirst.count == 1
                ? "run \(oldestFirst[0].id)"
                : "median of the \(oldestFirst.count) runs \(oldestFirst.first!.id)–\(oldestFirst.last!.id)"
            return Resolution(kind: "window", runs: oldestFirst, name: nil, label: label)
        }
        switch requested {
        case .some("latest"):
            return try reader.latestCompletedRun(before: candidate).map {
                Resolution(kind: "latest", runs: [$0], name: nil, label: "run \($0.id)")
            }
        case .some(let text) where Int64(text) != nil:
            let run = try reader.run(Int64(text)!)
            try Self.requireCompleted(run)
            return Resolution(kind: "run", runs: [run], name: nil, label: "run \(run.id)")
        case .some(let name):
            return try named(name, testbed: candidate.testbed)
        case .none:
            if try reader.baseline(named: Self.defaultName, testbed: candidate.testbed) != nil {
                return try named(Self.defaultName, testbed: candidate.testbed)
            }
            return try reader.runs(.completedMainRuns(before: candidate, withoutAlerts: true, limit: 1)).first.map {
                Resolution(kind: "fallback", runs: [$0], name: nil, label: "run \($0.id) (the latest clean run)")
            }
        }
    }

    /// The baseline `name` of the candidate's testbed.
    private func named(_ name: String, testbed: String) throws -> Resolution {
        guard let baseline = try reader.baseline(named: name, testbed: testbed) else {
            throw StoreError.unknownBaseline(name: name, testbed: testbed)
        }
        let run = try reader.run(baseline.runID)
        try Self.requireCompleted(run)
        return Resolution(kind: "named", runs: [run], name: name, label: "baseline \"\(name)\" (run \(run.id))")
    }

    /// Throws ``ComparisonInputError/notCompleted(id:status:)`` unless `run` completed.
    static func requireCompleted(_ run: RunRecord) throws {
        guard run.status == .completed else {
            throw ComparisonInputError.notCompleted(id: run.id, status: run.status)
        }
    }
}

/// Comparison requests that cannot be met; each maps to "bad input" (exit 2).
public enum ComparisonInputError: CategorizedError, Equatable {
    case noRuns
    case noRunsOfTestbed(String)
    case notARun(String)
    case notCompleted(id: Int64, status: RunStatus)
    /// The run to compare did not complete: there is nothing valid to compare.
    case candidateNotCompleted(id: Int64, status: RunStatus, reason: String?)
    /// A view of one testbed's history asked of a store that holds several.
    case testbedNeeded([String])

    public var kind: FailureKind {
        switch self {
        case .candidateNotCompleted(_, .running, _): return .badInput
        case .candidateNotCompleted: return .suiteFailure
        case .noRuns, .noRunsOfTestbed, .notARun, .notCompleted, .testbedNeeded: return .badInput
        }
    }

    public var description: String {
        switch self {
        case .noRuns:
            return "There are no runs yet; run `sandbox-bench run` first."
        case .noRunsOfTestbed(let testbed):
            return "There are no runs of the testbed \"\(TerminalSafe.inline(testbed))\" yet; `sandbox-bench runs list` shows the runs of every testbed."
        case .notARun(let text):
            return "\"\(TerminalSafe.inline(text))\" is neither a run id nor `latest`; see `sandbox-bench runs list`."
        case .notCompleted(let id, let status):
            return "Run \(id) is \(status.rawValue), and only a completed run can be a baseline; pick another with `sandbox-bench runs list`."
        case .candidateNotCompleted(let id, let status, let reason):
            let why = reason.map { " (\($0))" } ?? ""
            return "Run \(id) is \(status.rawValue)\(why), so there is nothing valid to compare; `sandbox-bench runs show \(id)` says what went wrong."
        case .testbedNeeded(let testbeds):
            let names = testbeds.prefix(5).map(TerminalSafe.inline).joined(separator: ", ") + (testbeds.count > 5 ? ", …" : "")
            return "The database holds the runs of \(testbeds.count) testbeds (\(names)), and this view shows one testbed's history; "
                + "name it with --testbed (`report --fleet` shows every testbed side by side)."
        }
    }
}
