import BenchModel

/// Why the results store refused or failed an operation. Each description is one neutral
/// sentence saying what happened; the command line adds what to do (which flag to pass).
package enum StoreError: CategorizedError, Sendable, Hashable {
    case notADatabase(store: String)
    /// A database without the sandbox-bench schema, such as another program's file.
    case foreignDatabase(store: String)
    /// A schema newer than this binary's and not compatible with it: `compatibleFrom` is the oldest
    /// schema version whose binaries may use it (nil: recorded none, binaries before version 7).
    case newerSchema(store: String, found: Int, supported: Int, compatibleFrom: Int? = nil)
    /// A shared database (PostgreSQL) whose schema is older than this binary's, which a command
    /// does not upgrade unless asked (`sandbox-bench migrate`, or `--migrate`).
    case outdatedSchema(store: String, found: Int, latest: Int)
    case busy(store: String, timeoutSeconds: Int)
    case unwritable(store: String, reason: String)
    /// The disk (or the database's quota) is full: nothing more can be written until space is freed.
    case diskFull(store: String)
    /// The store can be read but not written (a read-only file, a read-only role).
    case readOnly(store: String)
    /// The store cannot be read (permissions, a missing `-shm` index in a folder this user may not write).
    case unreadable(store: String, reason: String)
    case isDirectory(store: String)
    /// A path that is not a regular file (a FIFO, a device): opening it could block forever.
    case notARegularFile(store: String)
    case noDatabase(store: String)
    case damaged(store: String, message: String)
    /// The store could not be reached (a server that does not answer, a lost connection).
    case unreachable(store: String, reason: String)
    /// Any other failure the backend reported: its own code and message, never the statement.
    case backend(store: String, code: String, message: String)
    /// The database holds a schema object sandbox-bench did not create (a trigger, a rule, a view,
    /// row-level security, a table defined otherwise) or lacks one it did: what it stores or reads
    /// could differ from what sandbox-bench writes. `finding` says which, after "has":
    /// `a trigger "x" on the table samples that sandbox-bench did not create`.
    case foreignSchemaObject(store: String, finding: String)
    /// The database file at the store's path, or its write-ahead log, is no longer the file the
    /// store opened (deleted, moved away or replaced): the store stopped writing, since whatever it
    /// wrote now would not be kept at that path, or would be read there with another file.
    case databaseReplaced(store: String, change: FileChange = .replaced)
    /// A database named explicitly (`--db`, `SANDBOX_BENCH_DB`) that does not exist: a typo, not
    /// "no runs yet".
    case namedDatabaseMissing(store: String, namedBy: String)
    case unknownRun(id: Int64)
    case unknownBaseline(name: String, testbed: String? = nil)
    case invalidBaselineName(name: String, reason: String)
    case invalidTestbed(name: String, reason: String)
    /// A run with this UUID is already stored (under another id).
    case duplicateRun(uuid: String)
    case baselineNeedsCompletedRun(id: Int64, status: RunStatus)
    case runIsBaseline(id: Int64, baselines: [String])
    /// A running run whose process is on another host: whether it is alive cannot be told from here.
    case runIsRunning(id: Int64, host: String, pid: Int32)
    /// A running run whose process on this host is alive: it is still measuring.
    case runIsMeasuring(id: Int64, host: String, pid: Int32)
    case runNotRunning(id: Int64, status: RunStatus)
    /// A run still running where it comes from (a file, another database): only finished runs are imported.
    case importOfRunningRun(uuid: String)
    case finishedAsRunning(id: Int64)
    case specAlreadyRecorded(runID: Int64, spec: String)
    case confirmationWithoutParent
    case negativeKeepDays(Int)

    package var kind: FailureKind {
        switch self {
        case .notADatabase, .foreignDatabase, .newerSchema, .outdatedSchema, .busy, .unwritable, .readOnly, .unreadable,
            .isDirectory,
            .notARegularFile, .noDatabase, .damaged, .unreachable, .backend, .foreignSchemaObject, .databaseReplaced,
            .diskFull:
            return .environment
        case .unknownRun, .unknownBaseline, .invalidBaselineName, .invalidTestbed, .duplicateRun,
            .baselineNeedsCompletedRun, .runIsBaseline, .runIsRunning, .runIsMeasuring, .namedDatabaseMissing,
            .importOfRunningRun,
            .runNotRunning, .finishedAsRunning, .specAlreadyRecorded, .confirmationWithoutParent, .negativeKeepDays:
            return .badInput
        }
    }

    /// True for the errors about the store itself (where it is, what it is), which a different
    /// location would fix; false for errors about what was asked of it.
    package var concernsLocation: Bool {
        switch self {
        case .notADatabase, .foreignDatabase, .unwritable, .readOnly, .unreadable, .isDirectory, .notARegularFile,
            .noDatabase, .namedDatabaseMissing:
            return true
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .notADatabase(let store):
            return "\(store) is not an SQLite database, so sandbox-bench left it untouched."
        case .foreignDatabase(let store):
            return "\(store) is a database without the sandbox-bench schema, so sandbox-bench left it untouched."
        case .newerSchema(let store, let found, let supported, let compatibleFrom):
            let binaries = compatibleFrom.map { ", which only binaries of schema version \($0) or later can use" } ?? ""
            return
                "The results database \(store) has schema version \(found)\(binaries), newer than version "
                + "\(supported) that sandbox-bench \(ToolVersion.current) knows; it was left unchanged, use a newer "
                + "sandbox-bench."
        case .outdatedSchema(let store, let found, let latest):
            return
                "The results database \(store) has schema version \(found), older than version \(latest) of "
                + "sandbox-bench \(ToolVersion.current), and is shared, so it was left unchanged."
        case .busy(let store, let timeout):
            return
                "The results database \(store) stayed locked by another process for \(timeout) s; try again when the other sandbox-bench command has finished."
        case .unwritable(let store, let reason):
            return "Cannot write the results database \(store): \(reason)."
        case .diskFull(let store):
            return "The disk holding the results database \(store) is full."
        case .readOnly(let store):
            return "The results database \(store) can be read but not written."
        case .unreadable(let store, let reason):
            return "Cannot read the results database \(store): \(reason)."
        case .isDirectory(let store):
            return "\(store) is a directory, not a results database file."
        case .notARegularFile(let store):
            return "\(store) is not a regular file (a FIFO, socket or device), so sandbox-bench did not open it."
        case .noDatabase(let store):
            return "There is no results database at \(store)."
        case .damaged(let store, let message):
            return
                "The results database \(store) is damaged (\(message)); restore it from a backup or move it away and start a new one."
        case .unreachable(let store, let reason):
            return "The results database \(store) cannot be reached: \(reason)."
        case .backend(let store, let code, let message):
            return "The results database \(store) reported an error: \(message) (\(code))."
        case .foreignSchemaObject(let store, let finding):
            return
                "The results database \(store) has \(TerminalSafe.inline(finding)): it could change or hide what "
                + "sandbox-bench stores, so sandbox-bench did not use it."
        case .databaseReplaced(let store, let change):
            return
                "\(change.sentence(store: store)) while sandbox-bench was writing it, so sandbox-bench stopped writing it."
        case .namedDatabaseMissing(let store, let namedBy):
            return "There is no results database at \(store), which \(namedBy) names."
        case .unknownRun(let id):
            return "There is no run \(id) in the results database."
        case .unknownBaseline(let name, let testbed):
            let on = testbed.map { " on the testbed \"\(TerminalSafe.inline($0))\"" } ?? ""
            return "There is no baseline named \"\(TerminalSafe.inline(name))\"\(on) in the results database."
        case .invalidBaselineName(let name, let reason):
            return "\"\(TerminalSafe.inline(name))\" cannot be a baseline name: \(reason)."
        case .invalidTestbed(let name, let reason):
            return "\"\(TerminalSafe.inline(name))\" cannot be a testbed name: \(reason)."
        case .duplicateRun(let uuid):
            return "A run with the UUID \(uuid) is already stored."
        case .baselineNeedsCompletedRun(let id, let status):
            return "Run \(id) is \(status.rawValue), and only a completed run can be a baseline."
        case .runIsBaseline(let id, let baselines):
            let names = baselines.map { "\"\(TerminalSafe.inline($0))\"" }.joined(separator: ", ")
            return "Run \(id) is the baseline \(names), and deleting it would delete the baseline too."
        case .runIsRunning(let id, let host, let pid):
            return
                "Run \(id) is still running, in process \(pid) on the host \(TerminalSafe.inline(host)); "
                + "whether that process is alive cannot be told from here."
        case .runIsMeasuring(let id, let host, let pid):
            return
                "Run \(id) is still measuring, in the live process \(pid) on this host (\(TerminalSafe.inline(host))); "
                + "stop that process (it then stores the run as aborted) or wait for it to finish, "
                + "and delete the run then."
        case .runNotRunning(let id, let status):
            return "Run \(id) is already \(status.rawValue); results can be added only while a run is running."
        case .importOfRunningRun(let uuid):
            return
                "The run \(uuid) is still running where it comes from; "
                + "only a finished run can be stored from a file or another database."
        case .finishedAsRunning(let id):
            return "Run \(id) cannot be finished with the status running; finish it as completed, failed or aborted."
        case .specAlreadyRecorded(let runID, let spec):
            return "Run \(runID) already has results for the spec \(spec); each spec is recorded once per run."
        case .confirmationWithoutParent:
            return "A confirmation run needs the id of the run it confirms."
        case .negativeKeepDays(let days):
            return "The number of days to keep must be 0 or more, not \(days)."
        }
    }
}

extension StoreError {
    /// Why a running run owned by `owner` may not be deleted, or nil when it may. A run whose
    /// process on this host is alive is still measuring: it is never deleted, `force` or not (its
    /// process would lose everything it measures). Another host's process cannot be checked
    /// from here: `force` deletes its run, for a host that died.
    package static func deletionRefused(running id: Int64, owner: ProcessIdentity, force: Bool) -> StoreError? {
        if owner.host == ProcessIdentity.hostName, !owner.isGone {
            return .runIsMeasuring(id: id, host: owner.host, pid: owner.pid)
        }
        return force ? nil : .runIsRunning(id: id, host: owner.host, pid: owner.pid)
    }
}

extension StoreError {
    /// What happened at a database's path while a store had it open.
    package enum FileChange: String, Sendable, Hashable {
        /// Nothing is at the path any more: the file was deleted or moved away (its folder renamed).
        case deleted
        /// Another file is at the path: a copy of it, a restored backup, another database.
        case replaced
        /// The database file is still there, its write-ahead log (`-wal`) is not.
        case logDeleted
        /// The database file is still there, another file is at its write-ahead log's path.
        case logReplaced

        /// "The results database file PATH was replaced by another file (a copy, a restored backup)".
        package func sentence(store: String) -> String {
            switch self {
            case .deleted: "The results database file \(store) was deleted or moved away"
            case .replaced:
                "The results database file \(store) was replaced by another file (a copy, a restored backup)"
            case .logDeleted: "The write-ahead log \(store)-wal of the results database was deleted"
            case .logReplaced: "The write-ahead log \(store)-wal of the results database was replaced by another file"
            }
        }
    }
}
