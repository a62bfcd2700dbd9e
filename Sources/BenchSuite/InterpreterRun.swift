import BenchModel
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// One interpreter process on the host: how it ended, what it printed, and how long it took.
package struct InterpreterRun: Sendable {
    /// Its exit status, or 128 + the signal's number when a signal ended it, as a shell reports it.
    package var exitCode: Int32
    /// The signal that ended it; nil when it exited by itself.
    package var signal: Int32?
    package var stdout: String
    package var stderr: String
    /// True when it printed more than `outputLimit` bytes on one stream and was killed for it.
    package var exceededOutputLimit: Bool
    /// True when it ran past its time limit and was killed for it.
    package var timedOut = false
    /// Seconds from spawn until it had exited and its output was in hand, on the monotonic clock.
    package var seconds: Double

    /// How much of each stream is kept: enough for any code sample, little enough that a runaway
    /// process cannot exhaust the memory of a benchmark that runs for hours.
    package static let outputLimit = 1 << 20

    /// Starts a process of `executable` with `arguments`, killed after `timeout`, and returns how it ended.
    package typealias Launch =
        @Sendable (_ executable: String, _ arguments: [String], _ timeout: Duration) async throws
        -> InterpreterRun

    /// A real process on the host (see ``init(running:arguments:timeout:)``).
    package static let spawn: Launch = { try await InterpreterRun(running: $0, arguments: $1, timeout: $2) }

    /// How a process ended, as a scripted interpreter in a test reports it.
    package init(
        exitCode: Int32, signal: Int32? = nil, stdout: String, stderr: String = "", exceededOutputLimit: Bool = false,
        timedOut: Bool = false, seconds: Double
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.exceededOutputLimit = exceededOutputLimit
        self.timedOut = timedOut
        self.seconds = seconds
    }

    /// How it ended, for a failure message: "exited with status 1", "was killed by signal 9 (status 137)".
    package var ending: String {
        var text = signal.map { "was killed by signal \($0)" } ?? "exited"
        if exceededOutputLimit { text += " after printing more than \(Self.outputLimit) bytes" }
        if timedOut { text += " after running past its time limit" }
        return text + (signal == nil ? " with status \(exitCode)" : " (status \(exitCode))")
    }
}

extension InterpreterRun {
    /// Runs `command` (a path when it contains a `/`, otherwise a name looked up on PATH) with
    /// `arguments` and its stdin the null device, reading its output as it comes, so that a large
    /// output cannot block it; killed once it has run for `timeout`, so that a hung interpreter
    /// cannot hold a night's run (and its lock) forever.
    init(running command: String, arguments: [String], timeout: Duration) async throws {
        let executable: Executable = command.contains("/") ? .path(FilePath(command)) : .name(command)
        let clock = ContinuousClock()
        let start = clock.now
        // A process group of its own, so that a kill reaches what it started too: a child left
        // holding its output pipe would keep the read (and the run) waiting forever.
        var options = PlatformOptions()
        options.processGroupID = 0
        let result = try await Subprocess.run(
            executable, arguments: Arguments(arguments), platformOptions: options, input: .none, output: .sequence,
            error: .sequence
        ) { execution in
            // Over the limit, the process is killed at once: reading on would let it run forever,
            // and leaving its pipe full would block it forever.
            let stop: @Sendable () -> Void = { try? execution.send(signal: .kill, toProcessGroup: true) }
            return try await withThrowingTaskGroup(of: Bool.self) { watchdog in
                watchdog.addTask {
                    do { try await Task.sleep(for: timeout) } catch { return false }
                    stop()
                    return true
                }
                async let stdout = Self.collect(execution.standardOutput, stop: stop)
                async let stderr = Self.collect(execution.standardError, stop: stop)
                let output = try await (stdout, stderr)
                watchdog.cancelAll()
                return (output.0, output.1, try await watchdog.next() ?? false)
            }
        }
        // When `run` returns, the process has exited (`run` has reaped it) and both pipes were read
        // to their end; what lies in between is only this task being resumed. The library spawns on
        // a thread of its own and waits for the exit without blocking, so no cooperative thread is held.
        let elapsed = clock.now - start
        let (stdout, stderr, expired) = result.closureResult
        let exitCode: Int32
        let signal: Int32?
        switch result.terminationStatus {
        case .exited(let code):
            (exitCode, signal) = (code, nil)
        case .signaled(let number):
            (exitCode, signal) = (128 + number, number)
        }
        self.init(
            exitCode: exitCode, signal: signal, stdout: String(decoding: stdout.bytes, as: UTF8.self),
            stderr: String(decoding: stderr.bytes, as: UTF8.self),
            exceededOutputLimit: stdout.exceeded || stderr.exceeded, timedOut: expired,
            seconds: elapsed.seconds)
    }

    /// Reads `output` to its end, keeping at most `outputLimit` bytes; calls `stop` when there is more.
    private static func collect(
        _ output: SubprocessOutputSequence, stop: @Sendable () -> Void
    ) async throws -> (bytes: [UInt8], exceeded: Bool) {
        var bytes: [UInt8] = []
        for try await buffer in output {
            let room = outputLimit - bytes.count
            buffer.withUnsafeBytes { bytes.append(contentsOf: $0.prefix(room)) }
            if buffer.count > room {
                stop()
                return (bytes, true)
            }
        }
        return (bytes, false)
    }
}
