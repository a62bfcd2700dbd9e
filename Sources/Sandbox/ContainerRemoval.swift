import EngineInterface

/// Removes sandbox containers: forced, with their anonymous volumes, retried a bounded number
/// of times, and never skipped because the task that owns the container was cancelled.
package enum ContainerRemoval {
    package struct Outcome: Sendable, Equatable {
        /// The engine confirmed the removal, or the container no longer existed.
        package var removed: Bool
        package var attempts: Int
        /// Seconds from the first attempt until the removal was confirmed or given up.
        package var seconds: Double
        /// The daemon's reason when every attempt failed.
        package var error: String?
        /// The engine itself failed (it hung past the deadline): every later call would fail too.
        package var engineFault: DockerEngineError? = nil

        package static let notAttempted = Outcome(removed: false, attempts: 0, seconds: 0, error: nil)
    }

    /// Delays before the second and third attempts.
    static let retryDelays: [Duration] = [.milliseconds(100), .milliseconds(500)]

    /// Removes `container` (a name or an id). Runs in a task of its own, so it completes even
    /// when the calling task has been cancelled — within ``Deadline/shieldGrace`` of the cancellation.
    package static func remove(_ container: String, engine: any ContainerEngine) async -> Outcome {
        await Deadline.shielded(grace: Deadline.shieldGrace) { await attempt(container, engine: engine) }
    }

    private static func attempt(_ container: String, engine: any ContainerEngine) async -> Outcome {
        let stopwatch = Stopwatch(engine.clock)
        var lastError = ""
        var attempts = 0
        for attempt in 1...(retryDelays.count + 1) {
            attempts = attempt
            do {
                try await engine.removeContainer(container, force: true, removeVolumes: true)
                return Outcome(removed: true, attempts: attempt, seconds: stopwatch.seconds, error: nil)
            } catch let error as DockerEngineError where error.isDeadline {
                // An engine that hangs on a removal hangs on the next one too.
                return Outcome(
                    removed: false, attempts: attempt, seconds: stopwatch.seconds, error: "\(error)", engineFault: error
                )
            } catch _ where Task.isCancelled {
                // Abandoned ``Deadline/shieldGrace`` after an interruption: retrying would only fail again at once.
                lastError = "no answer within \(Deadline.shieldGrace.components.seconds) s after the interruption"
                break
            } catch {
                lastError = "\(error)"
            }
            if attempt <= retryDelays.count {
                try? await engine.clock.sleep(for: retryDelays[attempt - 1])
            }
        }
        return Outcome(removed: false, attempts: attempts, seconds: stopwatch.seconds, error: lastError)
    }
}
