import ArgumentParser
import BenchSuite
import BenchWorkflow
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What every command that measures shares (`run`, `ab`, and `gate` when it confirms by
/// re-running): the host-wide run lock, progress on a terminal (warnings only elsewhere or with
/// `--quiet`), and SIGINT/SIGTERM turned into a clean cancellation of the work. A second signal
/// exits at once.
struct MeasuringSession {
    /// The run lock to take, and how long to wait for another run's (nil: not at all, exit 3 at once).
    struct LockRequest {
        var path: String
        var wait: Duration?
    }

    let progress: any RunProgress
    let signals: SignalCancellation
    private let lock: RunLock?

    private init(progress: any RunProgress, signals: SignalCancellation, lock: RunLock?) {
        self.progress = progress
        self.signals = signals
        self.lock = lock
    }

    /// Sets up the signals, then takes the lock (when `lock` is given). Waiting for another run's
    /// lock suspends; a signal while waiting ends the command at once (128 + the signal's number),
    /// having measured and stored nothing.
    static func start(lock request: LockRequest?, quiet: Bool) async throws -> MeasuringSession {
        let progress = TerminalProgress.forStandardError(quiet: quiet)
        let signals = try SignalCancellation(
            onSecondSignal: { signal in
                FailureReport.print(
                    "Second signal: exiting without waiting for cleanup; the next run reaps what is left.")
                Foundation.exit(128 + signal)
            },
            onCleanupTimeout: { signal in
                FailureReport.print(
                    "The clean-up after the signal did not end within \(SignalCancellation.cleanupLimit.components.seconds) s (the engine does not answer): exiting; the next run reaps what is left."
                )
                Foundation.exit(128 + signal)
            })
        guard let request else { return MeasuringSession(progress: progress, signals: signals, lock: nil) }
        guard let wait = request.wait else {
            return MeasuringSession(progress: progress, signals: signals, lock: try RunLock(path: request.path))
        }
        let path = request.path
        let taking = Task {
            try await RunLock.acquire(path: path, waitingUpTo: wait) { holder in
                FailureReport.warn(
                    "waiting up to \(RunLock.seconds(wait)) s for the run lock \(path), which "
                        + (holder.map { "\($0.description) holds" } ?? "another process holds") + ".")
            }
        }
        signals.cancelOnSignal(taking)
        do {
            return MeasuringSession(progress: progress, signals: signals, lock: try await taking.value)
        } catch let error where error is CancellationError || signals.signalName != nil {
            FailureReport.print(
                "Interrupted by \(signals.signalName ?? "cancellation") while waiting for the run lock; "
                    + "nothing was measured."
            )
            Foundation.exit(signals.exitStatus ?? 130)
        }
    }

    /// Runs `work` in a task that a signal cancels. When it was interrupted, `interrupted` is
    /// called with the signal's name (to publish what was stored and say what happened), and
    /// `ExitCode(128 + the signal's number)` (130, 143, 129) is thrown: the command ends through
    /// its callers, so that the store is closed on the way out (an SQLite file whose last
    /// connection closes holds everything; a killed process leaves it all in the `-wal` beside it).
    func run<T: Sendable>(
        _ work: @escaping @Sendable () async throws -> T, interrupted: (String) async -> Void
    ) async throws -> T {
        let task = Task { try await work() }
        signals.cancelOnSignal(task)
        do {
            let value = try await task.value
            withExtendedLifetime(lock) {}
            return value
        } catch let error where error is CancellationError || signals.signalName != nil {
            await interrupted(signals.signalName ?? "cancellation")
            withExtendedLifetime(lock) {}
            throw ExitCode(signals.exitStatus ?? 130)
        }
    }
}
