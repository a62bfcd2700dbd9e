import BenchModel
import Foundation

/// Comparison requests that cannot be met; each maps to "bad input" (exit 2).
package enum ComparisonInputError: CategorizedError, Equatable {
    case noRuns
    /// `latest` of a testbed without runs; `others` are the testbeds the store has runs of.
    case noRunsOfTestbed(String, others: [String] = [])
    case notARun(String)
    case notCompleted(id: Int64, status: RunStatus)
    /// The run to compare did not complete: there is nothing valid to compare.
    case candidateNotCompleted(id: Int64, status: RunStatus, reason: String?)
    /// A view of one testbed's history asked of a store that holds several.
    case testbedNeeded([String])
    /// A gate naming no baseline of a run whose verdict's baseline can no longer be compared with:
    /// it never falls back to another baseline, or to none.
    case verdictBaselineGone(run: Int64, baseline: String, why: String)
    /// A gate of a run against itself: the baseline is the run (its UUID) or has exactly its samples.
    case ownBaseline(run: Int64, baseline: String, how: String)
    /// `--window K` where every completed run before the candidate has a failed verdict: a window
    /// of them would make the regression its own reference.
    case noCleanRunInWindow(run: Int64, skipped: [Int64])
    /// A gate naming no baseline of a run judged before only in one-off comparisons (with another
    /// testbed's run or file), when its own testbed has no baseline: it would compare with nothing
    /// and pass, so it refuses.
    case onlyOneOffs(run: Int64, baselines: [String])

    package var kind: FailureKind {
        switch self {
        case .candidateNotCompleted(_, .running, _): return .badInput
        case .candidateNotCompleted: return .suiteFailure
        case .noRuns, .noRunsOfTestbed, .notARun, .notCompleted, .testbedNeeded, .verdictBaselineGone, .ownBaseline,
            .noCleanRunInWindow, .onlyOneOffs:
            return .badInput
        }
    }

    package var description: String {
        switch self {
        case .noRuns:
            return "There are no runs yet."
        case .noRunsOfTestbed(let testbed, let others):
            let held =
                others.isEmpty
                ? ""
                : "; the database holds runs of the " + (others.count == 1 ? "testbed " : "testbeds ")
                    + others.prefix(5).map(TerminalSafe.inline).joined(separator: ", ")
                    + (others.count > 5 ? ", …" : "")
            return "There are no runs of the testbed \"\(TerminalSafe.inline(testbed))\" yet\(held)."
        case .notARun(let text):
            return "\"\(TerminalSafe.inline(text))\" is neither a run id nor `latest`."
        case .notCompleted(let id, let status):
            return "Run \(id) is \(status.rawValue), and only a completed run can be a baseline."
        case .candidateNotCompleted(let id, let status, let reason):
            let why = reason.map { " (\($0))" } ?? ""
            return "Run \(id) is \(status.rawValue)\(why), so there is nothing valid to compare."
        case .testbedNeeded(let testbeds):
            let names =
                testbeds.prefix(5).map(TerminalSafe.inline).joined(separator: ", ") + (testbeds.count > 5 ? ", …" : "")
            return
                "The database holds the runs of \(testbeds.count) testbeds (\(names)), and this view shows one "
                + "testbed's history."
        case .verdictBaselineGone(let run, let baseline, let why):
            return
                "Run \(run)'s verdict was decided against \(TerminalSafe.inline(baseline)), which can no longer be "
                + "compared with (\(TerminalSafe.inline(why))), and a gate never falls back to another baseline or to "
                + "none."
        case .onlyOneOffs(let run, let baselines):
            let names = baselines.prefix(3).map(TerminalSafe.inline).joined(separator: "; ")
            return
                "Run \(run) was judged only in one-off comparisons with another testbed's baseline (\(names)), "
                + "and its own testbed has no baseline: a gate naming none would compare it with nothing."
        case .ownBaseline(let run, let baseline, let how):
            return
                "The baseline \(TerminalSafe.inline(baseline)) is run \(run) itself (\(how)): a run judged against "
                + "itself passes by construction."
        case .noCleanRunInWindow(let run, let skipped):
            let ids = skipped.sorted().prefix(10).map(String.init).joined(separator: ", ")
            return
                "Every completed run before run \(run) has a failed verdict (runs \(ids)\(skipped.count > 10 ? ", …" : "")), "
                + "and a window of them would make a regression its own reference."
        }
    }
}
