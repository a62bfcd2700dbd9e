import CommandLineSupport
import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal or SSH session) into cancellation of one
/// task, so that a run stops after removing its containers and storing what it measured. A second
/// signal calls `onSecondSignal` (which exits); so does a clean-up that has not ended
/// `cleanupLimit` after the first signal (an engine that hangs must not keep a stopped job alive).
/// The same signal again within `repeatWindow` is the same request, not a second one: `timeout`
/// and job control send SIGTERM to the process and then to its whole process group.
final class SignalCancellation: Sendable {
    /// How long the clean-up after a signal may take before the process exits anyway.
    static let cleanupLimit: Duration = .seconds(30)
    /// A repeat of the first signal within this time is taken as the same request.
    static let repeatWindow: Duration = .seconds(1)
    static let handled = [SIGINT, SIGTERM, SIGHUP]

    private let received = Mutex<(number: Int32, at: ContinuousClock.Instant)?>(nil)
    private let cancel = Mutex<(@Sendable () -> Void)?>(nil)
    private let onSecondSignal: @Sendable (Int32) -> Void
    private let onCleanupTimeout: @Sendable (Int32) -> Void
    /// Kept alive for the life of this object; set once in `init` and never touched again.
    private nonisolated(unsafe) var inbox: SignalInbox?

    /// From the moment this returns every SIGINT, SIGTERM and SIGHUP is recorded (see
    /// ``SignalInbox``): none is lost while the handling is being set up.
    init(onSecondSignal: @escaping @Sendable (Int32) -> Void, onCleanupTimeout: @escaping @Sendable (Int32) -> Void)
        throws
    {
        self.onSecondSignal = onSecondSignal
        self.onCleanupTimeout = onCleanupTimeout
        inbox = try SignalInbox.open(Self.handled) { [weak self] number in self?.deliver(number) }
    }

    /// Cancels `task` when the first signal arrives (at once, if one already has).
    func cancelOnSignal<T: Sendable>(_ task: Task<T, any Error>) {
        cancel.withLock { $0 = { task.cancel() } }
        if received.withLock({ $0 }) != nil { task.cancel() }
    }

    /// The name of the signal that arrived, if any.
    var signalName: String? {
        received.withLock { $0 }.map {
            switch $0.number {
            case SIGINT: "SIGINT"
            case SIGTERM: "SIGTERM"
            case SIGHUP: "SIGHUP"
            default: "signal \($0.number)"
            }
        }
    }

    /// The conventional exit status of a process ended by the signal that arrived (130 for SIGINT,
    /// 143 for SIGTERM, 129 for SIGHUP).
    var exitStatus: Int32? {
        received.withLock { $0 }.map { 128 + $0.number }
    }

    private enum Delivery { case first, repeated, second }

    private func deliver(_ number: Int32) {
        let now = ContinuousClock.now
        let delivery = received.withLock { received -> Delivery in
            guard let earlier = received else {
                received = (number, now)
                return .first
            }
            return earlier.number == number && now - earlier.at < Self.repeatWindow ? .repeated : .second
        }
        switch delivery {
        case .repeated:
            return
        case .first:
            cancel.withLock { $0 }?()
            // A dispatch timer, not a task: it fires even when every task waits on a hung engine.
            let seconds = Double(Self.cleanupLimit.components.seconds)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [onCleanupTimeout] in
                onCleanupTimeout(number)
            }
        case .second:
            onSecondSignal(number)
        }
    }
}
