import Synchronization

/// Runs an operation that must end by a deadline. The caller gets the operation's result, or the
/// deadline's error as soon as the deadline passes — without waiting for an operation that does
/// not end when it is cancelled (a request to an engine that stopped reading its socket). The
/// operation is cancelled and left to end in the background.
package enum Deadline {
    /// With `followsCancellation` (the default), cancelling the caller ends the wait at once with
    /// `CancellationError`; without it, only the operation or the deadline end it — for clean-up
    /// that must get its time even in a task that was cancelled.
    package static func run<T: Sendable>(
        within limit: Duration, followsCancellation: Bool = true, expired: @escaping @Sendable () -> any Error,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard race.begin(continuation) else { return }
                race.add(
                    Task {
                        do {
                            race.finish(.success(try await operation()))
                        } catch {
                            race.finish(.failure(error))
                        }
                    })
                race.add(
                    Task {
                        do {
                            try await Task.sleep(for: limit)
                        } catch {
                            return
                        }
                        race.finish(.failure(expired()))
                    })
            }
        } onCancel: {
            if followsCancellation { race.finish(.failure(CancellationError())) }
        }
    }

    /// Runs `operation` in a task of its own that the caller's cancellation does not stop at once:
    /// a create or a removal abandoned half-way would go on in the engine behind the caller's back.
    /// Once the caller is cancelled, the operation gets `grace` more; then it is cancelled too (its
    /// request abandoned), so that the clean-up after a signal stays bounded when the engine hangs.
    /// The operation says itself how it ended (an outcome, or a `Result`): a cancelled one as well.
    package static func shielded<T: Sendable>(grace: Duration, _ operation: @escaping @Sendable () async -> T) async
        -> T
    {
        let task = Task { await operation() }
        return await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            Task.detached {
                try? await Task.sleep(for: grace)
                task.cancel()
            }
        }
    }

    /// How long a shielded engine call may go on after its caller was cancelled.
    package static let shieldGrace: Duration = .seconds(5)

    /// The first of the operation, the timer and a cancellation to finish resumes the caller and
    /// cancels the others.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var outcome: Result<T, any Error>?
            var tasks: [Task<Void, Never>] = []
        }

        private let state = Mutex(State())

        /// Stores the continuation; false (after resuming it) when the race already finished.
        func begin(_ continuation: CheckedContinuation<T, any Error>) -> Bool {
            let finished = state.withLock { state -> Result<T, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.continuation = continuation
                return nil
            }
            guard let finished else { return true }
            continuation.resume(with: finished)
            return false
        }

        func add(_ task: Task<Void, Never>) {
            let finished = state.withLock { state -> Bool in
                if state.outcome != nil { return true }
                state.tasks.append(task)
                return false
            }
            if finished { task.cancel() }
        }

        func finish(_ outcome: Result<T, any Error>) {
            let (continuation, tasks) = state.withLock {
                state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
                guard state.outcome == nil else { return (nil, []) }
                state.outcome = outcome
                defer {
                    state.continuation = nil
                    state.tasks = []
                }
                return (state.continuation, state.tasks)
            }
            continuation?.resume(with: outcome)
            for task in tasks { task.cancel() }
        }
    }
}
