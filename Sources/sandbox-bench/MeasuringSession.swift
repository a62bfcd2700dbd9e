import BenchSuite
import BenchWorkflow
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What every command that measures shares (`run`, and `gate` when it confirms by re-running):
/// the host-wide run lock, progress on a terminal (warnings only elsewhere or with `--quiet`),
/// and SIGINT/SIGTERM turned into a clean cancellation of the work. A second signal exits at once.
struct MeasuringSession {
    let progress: any RunProgress
    let signals: SignalCancellation
    private let lock: RunLock?

    init(takeLock: Bool, quiet: Bool) throws {
        lock = takeLock ? try RunLock(path: RunLock.defaultPath()) : nil
        progress = TerminalProgress.forStandardError(quiet: quiet)
        signals = SignalCancellation(
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
    }

    /// Runs `work` in a task that a signal cancels. When it was interrupted, `interrupted` is
    /// called with the signal's name (to publish what was stored and say what happened), and the
    /// process exits with 128 + the signal's number (130, 143, 129); the lock is held until then.
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
            Foundation.exit(signals.exitStatus ?? 130)
        }
    }
}
