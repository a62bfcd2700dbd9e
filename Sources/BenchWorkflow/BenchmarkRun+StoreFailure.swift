import BenchModel
import Foundation
import ResultsStore
import Sandbox

extension BenchmarkRun {
    /// What ends a run because the store can no longer take it, or nil for a store error that is
    /// the run's own failure: the run's row was deleted or closed by another process, its database
    /// file was deleted or replaced, or its server stayed unreachable past the store's bound.
    func storeLoss(_ error: any Error, runID: Int64) -> RunStoreLoss.Cause? {
        guard let error = error as? StoreError else { return nil }
        switch error {
        case .unknownRun(let id) where id == runID: return .deleted
        case .runNotRunning(let id, let status) where id == runID: return .closedElsewhere(status)
        case .databaseReplaced: return .fileReplaced
        case .unreachable(_, let reason): return .unreachable(reason)
        default: return nil
        }
    }

    /// Ends a run the store lost: its containers are removed (the sweep stores nothing it cannot
    /// keep), and a run whose server was unreachable is stored as failed with the reason when the
    /// server answers again within the store's bound. Returns the error the run ends with (exit 3).
    func endAfterStoreLoss(_ cause: RunStoreLoss.Cause, sandbox: Sandbox?, runID: Int64, done: String) async
        -> RunStoreLoss
    {
        var loss = RunStoreLoss(runID: runID, store: store.displayName, cause: cause, done: done, storedAsFailed: false)
        if case .unreachable(let reason) = cause {
            progress.warning(
                "the results database cannot be reached (\(reason)); the run ends \(done), "
                    + "and is stored as failed if the database answers again"
            )
        }
        if let sandbox { _ = await sweep(sandbox, runID: runID, recorded: [], storing: false) }
        guard case .unreachable = cause else { return loss }
        do {
            try await store.finishRun(runID, status: .failed, reason: loss.storedReason)
            loss.storedAsFailed = true
        } catch {
            // The error the run ends with says so; the log keeps why.
            logger.notice("could not store the failed run", metadata: ["run": "\(runID)", "error": "\(error)"])
        }
        return loss
    }
}

/// A run ended because its store could no longer take it: an environment failure (exit 3) that
/// says what happened to the run and what was kept of it.
package struct RunStoreLoss: CategorizedError, Sendable {
    package enum Cause: Sendable, Equatable {
        /// The run's row was deleted (`runs delete --force` from another host, or by hand).
        case deleted
        /// Another process closed the run (with this status) while it was measuring.
        case closedElsewhere(RunStatus)
        /// The database file at the path is no longer the one the run writes to.
        case fileReplaced
        /// The server could not be reached within the store's bound; the reason it gave.
        case unreachable(String)
    }

    package var runID: Int64
    package var store: String
    package var cause: Cause
    /// How far the run got: "after 3 of 13 specs".
    package var done: String
    /// True when the run could still be stored as failed (a server that answered again).
    package var storedAsFailed: Bool

    package var kind: FailureKind { .environment }

    /// False when the store did not answer again: reading the run back (for its report) would
    /// only wait once more.
    package var storeAnswers: Bool {
        if case .unreachable = cause { return storedAsFailed }
        return true
    }

    /// The reason stored with a run whose server was unreachable.
    var storedReason: String {
        guard case .unreachable(let reason) = cause else { return description }
        return "The results database could not be reached (\(reason)); the run was ended \(done)."
    }

    package var description: String {
        switch cause {
        case .deleted:
            return
                "Run \(runID) was deleted from the results database \(store) while it was measuring; "
                + "it ended as aborted \(done), its containers were removed, and nothing of it is kept."
        case .closedElsewhere(let status):
            return
                "Run \(runID) was closed as \(status.rawValue) in the results database \(store) by another process "
                + "while it was measuring; it ended \(done) and its containers were removed."
        case .fileReplaced:
            return
                "The results database file \(store) was deleted or replaced while run \(runID) was measuring: "
                + "the run ended as failed \(done), its containers were removed, "
                + "and nothing of it is kept at that path."
        case .unreachable(let reason):
            let fate =
                storedAsFailed
                ? "it is stored as failed with that reason"
                : "it could not be stored as failed either, and stays running until the next command that "
                    + "writes the database on this host closes it as aborted"
            return
                "The results database \(store) could not be reached (\(reason)); run \(runID) was ended \(done), "
                + "its containers were removed, and \(fate)."
        }
    }
}
