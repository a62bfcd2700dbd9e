import BenchModel
import Foundation
import ResultsStore
import Sandbox

extension BenchmarkRun {
    /// What ends a run because the store can no longer take it, or nil for a store error that is
    /// the run's own failure: the run's row was deleted or closed by another process, its database
    /// file was deleted or replaced, its disk is full, or its server stayed unreachable past the
    /// store's bound.
    func storeLoss(_ error: any Error, runID: Int64) -> RunStoreLoss.Cause? {
        guard let error = error as? StoreError else { return nil }
        switch error {
        case .unknownRun(let id) where id == runID: return .deleted
        case .runNotRunning(let id, let status) where id == runID: return .closedElsewhere(status)
        case .databaseReplaced(_, let change): return .fileReplaced(change)
        case .diskFull: return .diskFull
        case .unreachable(_, let reason): return .unreachable(reason)
        default: return nil
        }
    }

    /// Ends a run the store lost: its containers are removed (the sweep stores nothing it cannot
    /// keep); a run whose server was unreachable is stored as failed with the reason when the
    /// server answers again within the store's bound; a run whose disk is full is recorded as
    /// aborted when the small update fits once the run's last write was rolled back; and the
    /// database now at a replaced file's path is told the truth of the run if it holds it (by its
    /// UUID). Returns the error the run ends with (exit 3).
    func endAfterStoreLoss(
        _ cause: RunStoreLoss.Cause, sandbox: Sandbox?, runID: Int64, runUUID: UUID, done: String
    ) async -> RunStoreLoss {
        var loss = RunStoreLoss(runID: runID, store: store.displayName, cause: cause, done: done, storedAsFailed: false)
        if case .unreachable(let reason) = cause {
            progress.warning(
                "the results database cannot be reached (\(reason)); the run ends \(done), "
                    + "and is stored as failed if the database answers again"
            )
        }
        if let sandbox { _ = await sweep(sandbox, runID: runID, recorded: [], storing: false) }
        switch cause {
        case .fileReplaced:
            loss.atPath = await recordAtReplacedPath(runUUID: runUUID, reason: loss.storedReason)
            return loss
        case .diskFull:
            do {
                try await store.finishRun(runID, status: .aborted, reason: loss.storedReason)
                loss.storedAsFailed = true
            } catch {
                logger.notice(
                    "could not record the run as aborted", metadata: ["run": "\(runID)", "error": "\(error)"])
            }
            return loss
        case .deleted, .closedElsewhere:
            return loss
        case .unreachable:
            break
        }
        do {
            try await store.finishRun(runID, status: .failed, reason: loss.storedReason)
            loss.storedAsFailed = true
        } catch {
            // The error the run ends with says so; the log keeps why.
            logger.notice("could not store the failed run", metadata: ["run": "\(runID)", "error": "\(error)"])
        }
        return loss
    }

    /// What the database now at the store's path holds of the run whose file was replaced: when
    /// it holds it running (a copy made after the run began, a log folded into its file), it is
    /// closed there as aborted with `reason`.
    private func recordAtReplacedPath(runUUID: UUID, reason: String) async -> RunStoreLoss.AtPath {
        do {
            guard let fresh = try await store.reopened() else { return .nothing }
            do {
                let record = try await fresh.read { try $0.run(uuid: runUUID) }
                var atPath = RunStoreLoss.AtPath.nothing
                if let record, record.status == .running {
                    try await fresh.finishRun(record.id, status: .aborted, reason: reason)
                    atPath = .abortedThere(record.id)
                } else if let record {
                    atPath = .heldThere(record.id, record.status)
                }
                await fresh.close()
                return atPath
            } catch {
                await fresh.close()
                throw error
            }
        } catch {
            return .unchecked("\(error)")
        }
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
        /// The database file at the path, or its write-ahead log, is no longer the one the run writes to.
        case fileReplaced(StoreError.FileChange)
        /// The disk holding the database is full.
        case diskFull
        /// The server could not be reached within the store's bound; the reason it gave.
        case unreachable(String)
    }

    package var runID: Int64
    package var store: String
    package var cause: Cause
    /// How far the run got: "after 3 of 13 specs".
    package var done: String
    /// True when the run could still be stored as failed (a server that answered again), or as
    /// aborted (a full disk that took the small update).
    package var storedAsFailed: Bool
    /// What the database now at a replaced file's path holds of the run.
    package var atPath = AtPath.nothing

    package enum AtPath: Sendable, Equatable {
        /// Nothing of the run (or no database at all).
        case nothing
        /// The run, as it was when the file was replaced: now closed there as aborted, with the reason.
        case abortedThere(Int64)
        /// The run, under this id, with a status another process gave it.
        case heldThere(Int64, RunStatus)
        /// It could not be looked at (another program's file, a damaged one): why.
        case unchecked(String)
    }

    package var kind: FailureKind { .environment }

    /// False when the store did not answer again (reading the run back for its report would only
    /// wait once more), or was detached from a replaced file.
    package var storeAnswers: Bool {
        switch cause {
        case .unreachable: storedAsFailed
        // The store stopped writing a file that is no longer at its path: it reads nothing either.
        case .fileReplaced: false
        case .deleted, .closedElsewhere, .diskFull: true
        }
    }

    /// The reason stored with the run.
    var storedReason: String {
        switch cause {
        case .unreachable(let reason):
            return "The results database could not be reached (\(reason)); the run was ended \(done)."
        case .fileReplaced(let change):
            return
                "\(change.sentence(store: store)) while this run was measuring: it ended \(done), and this "
                + "database keeps only what the run stored before that."
        case .diskFull:
            return
                "The disk holding the results database was full: the run ended \(done), and what it measured "
                + "after its last stored spec is not kept."
        case .deleted, .closedElsewhere:
            return description
        }
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
        case .fileReplaced(let change):
            let fate =
                switch atPath {
                case .nothing: "nothing of it is kept at that path"
                case .abortedThere(let id):
                    "the database at that path keeps what it stored before that, as run \(id), closed as aborted "
                        + "with that reason"
                case .heldThere(let id, let status):
                    "the database at that path holds it as run \(id), \(status.rawValue)"
                case .unchecked(let why):
                    "whether the file now at that path holds any of it could not be checked (\(why))"
                }
            return
                "\(change.sentence(store: store)) while run \(runID) was measuring, so the run stopped writing "
                + "it: the run ended \(done), its containers were removed, and \(fate)."
        case .diskFull:
            let fate =
                storedAsFailed
                ? "it is recorded as aborted with that reason, with the specs stored before the disk filled"
                : "it could not be recorded as aborted (no room even for that): it stays running until the next "
                    + "command that writes the database, once there is space, closes it as aborted"
            return
                "The disk holding the results database \(store) is full: run \(runID) ended \(done), "
                + "its containers were removed, and \(fate)."
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
