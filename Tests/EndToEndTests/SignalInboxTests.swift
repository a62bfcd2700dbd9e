import CommandLineSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The signal inbox records a signal from the moment it is opened: a dispatch signal source alone
/// lost a SIGTERM sent right after it was set up (a run waiting for the lock never heard it). The
/// tests use SIGUSR1 and SIGUSR2, which nothing else in the test process handles.
@Suite(.serialized)
struct SignalInboxTests {
    /// Signals sent the moment the inbox opened, before its read source can have been registered,
    /// are delivered; so is each later one, in turn. (Pending signals of one number merge into one
    /// in the kernel, so each is awaited before the next is sent.)
    @Test func signalsSentTheMomentTheInboxOpensAreDelivered() async throws {
        let delivered = Mutex<[Int32]>([])
        let inbox = try SignalInbox.open([SIGUSR1, SIGUSR2]) { number in delivered.withLock { $0.append(number) } }
        // Sent to the process, as `kill` and a terminal send them; `raise` would target this
        // thread, a pool thread that blocks signals.
        kill(getpid(), SIGUSR1)
        kill(getpid(), SIGUSR2)
        try await waitFor { delivered.withLock { $0.count } >= 2 }
        #expect(Set(delivered.withLock { $0 }) == [SIGUSR1, SIGUSR2])
        for round in 0..<20 {
            let number = round.isMultiple(of: 2) ? SIGUSR2 : SIGUSR1
            kill(getpid(), number)
            try await waitFor { delivered.withLock { $0.count } >= 3 + round }
            #expect(delivered.withLock { $0.count == 3 + round && $0.last == number })
        }
        withExtendedLifetime(inbox) {}
    }

    /// Liveness only: waits for `condition` however slowly the host schedules the delivery (up to a minute).
    private func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<1200 where !condition() {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
