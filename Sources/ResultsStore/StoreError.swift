import BenchModel
import CSQLite

/// Why the results database refused or failed an operation. Each description is one line:
/// what happened, then what to do.
public enum StoreError: CategorizedError, Sendable, Hashable {
    case notADatabase(path: String)
    /// An SQLite database without the sandbox-bench schema, such as another program's file.
    case foreignDatabase(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case busy(path: String, timeoutSeconds: Int)
    case unwritable(path: String, reason: String)
    case isDirectory(path: String)
    case noDatabase(path: String)
    case damaged(path: String, message: String)
    case sqlite(path: String, error: DatabaseError)
    case unknownRun(id: Int64)
    case unknownBaseline(name: String)
    case emptyBaselineName
    case baselineNeedsCompletedRun(id: Int64, status: RunStatus)
    case runIsBaseline(id: Int64, baselines: [String])
    case runIsRunning(id: Int64)
    case runNotRunning(id: Int64, status: RunStatus)
    case finishedAsRunning(id: Int64)
    case specAlreadyRecorded(runID: Int64, spec: String)
    case confirmationWithoutParent
    case negativeKeepDays(Int)
    case invalidRange(from: Int64, to: Int64)

    public var kind: FailureKind {
        switch self {
        case .notADatabase, .foreignDatabase, .newerSchema, .busy, .unwritable, .isDirectory, .noDatabase, .damaged, .sqlite:
            return .environment
        case .unknownRun, .unknownBaseline, .emptyBaselineName, .baselineNeedsCompletedRun, .runIsBaseline, .runIsRunning,
            .runNotRunning, .finishedAsRunning, .specAlreadyRecorded, .confirmationWithoutParent, .negativeKeepDays,
            .invalidRange:
            return .badInput
        }
    }

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not an SQLite database, so sandbox-bench left it untouched; pass another path with --db or move the file away."
        case .foreignDatabase(let path):
            return "\(path) is an SQLite database without the sandbox-bench schema, so sandbox-bench left it untouched; pass another path with --db."
        case .newerSchema(let path, let found, let supported):
            return "The results database \(path) has schema version \(found), newer than version \(supported) that sandbox-bench \(ToolVersion.current) knows; it was left unchanged, use a newer sandbox-bench."
        case .busy(let path, let timeout):
            return "The results database \(path) stayed locked by another process for \(timeout) s; try again when the other sandbox-bench command has finished."
        case .unwritable(let path, let reason):
            return "Cannot write the results database \(path): \(reason); pass a writable path with --db or SANDBOX_BENCH_DB."
        case .isDirectory(let path):
            return "\(path) is a directory, not a results database file; pass a file path such as \(path)/results.sqlite with --db."
        case .noDatabase(let path):
            return "There is no results database at \(path); run `sandbox-bench run` first, or pass the right path with --db."
        case .damaged(let path, let message):
            return "The results database \(path) is damaged (\(message)); restore it from a backup or move it away and start a new one."
        case .sqlite(let path, let error):
            return "The results database \(path) reported an error: \(error)."
        case .unknownRun(let id):
            return "There is no run \(id) in the results database; `sandbox-bench runs list` shows the runs."
        case .unknownBaseline(let name):
            return "There is no baseline named \"\(name)\" in the results database; check the name or set the baseline first."
        case .emptyBaselineName:
            return "A baseline needs a name that is not empty."
        case .baselineNeedsCompletedRun(let id, let status):
            return "Run \(id) is \(status.rawValue), and only a completed run can be a baseline; pick a completed run from `sandbox-bench runs list`."
        case .runIsBaseline(let id, let baselines):
            let names = baselines.map { "\"\($0)\"" }.joined(separator: ", ")
            return "Run \(id) is the baseline \(names); pass --force to delete it together with the baseline, or point the baseline at another run first."
        case .runIsRunning(let id):
            return "Run \(id) is still running in a live process; pass --force to delete it anyway."
        case .runNotRunning(let id, let status):
            return "Run \(id) is already \(status.rawValue); results can be added only while a run is running."
        case .finishedAsRunning(let id):
            return "Run \(id) cannot be finished with the status running; finish it as completed, failed or aborted."
        case .specAlreadyRecorded(let runID, let spec):
            return "Run \(runID) already has results for the spec \(spec); each spec is recorded once per run."
        case .confirmationWithoutParent:
            return "A confirmation run needs the id of the run it confirms."
        case .negativeKeepDays(let days):
            return "The number of days to keep must be 0 or more, not \(days)."
        case .invalidRange(let from, let to):
            return "The run range \(from)...\(to) is empty: the first id must not be greater than the last."
        }
    }

    /// The store's reading of an SQLite error on the database at `path`.
    init(_ error: DatabaseError, path: String, busyTimeoutSeconds: Int) {
        switch error.resultCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            self = .busy(path: path, timeoutSeconds: busyTimeoutSeconds)
        case SQLITE_NOTADB:
            self = .notADatabase(path: path)
        case SQLITE_CORRUPT:
            self = .damaged(path: path, message: error.message)
        case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR, SQLITE_FULL, SQLITE_AUTH:
            self = .unwritable(path: path, reason: error.message)
        default:
            self = .sqlite(path: path, error: error)
        }
    }
}
