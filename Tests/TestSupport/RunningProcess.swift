import Subprocess
import Synchronization

/// A process started by `ExecutableFile.run(_:environment:in:body:)`, as its body sees it: its pid,
/// what it printed so far, waits on that output, and signals.
package final class RunningProcess: Sendable {
    package enum Stream: Sendable {
        case stdout, stderr
    }

    package let pid: Int32
    private let sendSignal: @Sendable (Int32) throws -> Void
    private let state = Mutex(State())

    private struct State {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var endedStreams = 0
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0

        var ended: Bool { endedStreams == 2 }
        var text: (stdout: String, stderr: String) {
            (String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
    }

    private struct Waiter {
        let condition: @Sendable (_ stdout: String, _ stderr: String) -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    init(pid: Int32, sendSignal: @escaping @Sendable (Int32) throws -> Void) {
        self.pid = pid
        self.sendSignal = sendSignal
    }

    /// What it printed on stdout so far.
    package var stdout: String { state.withLock { $0.text.stdout } }
    /// What it printed on stderr so far.
    package var stderr: String { state.withLock { $0.text.stderr } }

    /// False once both its output streams have ended: the executables under test close them only by exiting.
    package var isRunning: Bool { state.withLock { !$0.ended } }

    /// Sends it `signal` (`SIGINT`, `SIGKILL`, …).
    package func signal(_ signal: Int32) throws {
        try sendSignal(signal)
    }

    /// Waits until `condition` holds for what it printed; false when its output ended first.
    /// The condition runs while the output is locked: it gets the text and must not use this object.
    @discardableResult
    package func waitUntil(_ condition: @escaping @Sendable (_ stdout: String, _ stderr: String) -> Bool) async -> Bool
    {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer: Bool? = state.withLock { state in
                    let text = state.text
                    if condition(text.stdout, text.stderr) { return true }
                    // Cancellation is checked under the lock that `onCancel` takes, so neither can miss the other.
                    if state.ended || Task.isCancelled { return false }
                    state.waiters[id] = Waiter(condition: condition, continuation: continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: false)
        }
    }

    /// Waits until `stream` contains `text`; false when its output ended first.
    @discardableResult
    package func waitUntil(_ stream: Stream, contains text: String) async -> Bool {
        await waitUntil { stdout, stderr in (stream == .stdout ? stdout : stderr).contains(text) }
    }

    /// Waits until `stream` has `count` complete lines that `isOfKind` accepts; false when its output ended first.
    @discardableResult
    package func waitForLines(
        _ count: Int, on stream: Stream = .stdout, where isOfKind: @escaping @Sendable (Substring) -> Bool
    ) async -> Bool {
        await waitUntil { stdout, stderr in
            // A line still being printed does not count: it may not be what it will be.
            let complete = (stream == .stdout ? stdout : stderr).split(
                separator: "\n", omittingEmptySubsequences: false
            ).dropLast()
            return complete.lazy.filter(isOfKind).count >= count
        }
    }

    /// Reads `output` to its end as `stream`, answering the waits it satisfies as it goes.
    func read(_ output: SubprocessOutputSequence, as stream: Stream) async throws {
        defer { update { $0.endedStreams += 1 } }
        for try await buffer in output {
            update { state in
                buffer.withUnsafeBytes { bytes in
                    if stream == .stdout {
                        state.stdout.append(contentsOf: bytes)
                    } else {
                        state.stderr.append(contentsOf: bytes)
                    }
                }
            }
        }
    }

    /// Changes the state, then resumes the waiters whose condition now holds, or all of them when the output ended.
    private func update(_ change: (inout State) -> Void) {
        let answered = state.withLock { state -> [(CheckedContinuation<Bool, Never>, Bool)] in
            change(&state)
            guard !state.waiters.isEmpty else { return [] }
            let text = state.text
            var answered: [(CheckedContinuation<Bool, Never>, Bool)] = []
            for (id, waiter) in state.waiters {
                if waiter.condition(text.stdout, text.stderr) {
                    answered.append((waiter.continuation, true))
                } else if state.ended {
                    answered.append((waiter.continuation, false))
                } else {
                    continue
                }
                state.waiters[id] = nil
            }
            return answered
        }
        for (continuation, answer) in answered {
            continuation.resume(returning: answer)
        }
    }
}
