import CStandardStreams
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output and error as a command line tool must treat them: either may be closed, full
/// (`2>/dev/full`) or a pipe whose reader went away (`| head -1`), and none of that may kill the
/// process or change its exit code — a run must still finish, be stored and remove its containers.
///
/// Foundation's `FileHandle.write(_:)` raises an Objective-C style exception on a failed write,
/// which Swift cannot catch (the process dies with SIGILL), and SIGPIPE kills a process on its
/// first write to a closed pipe. So every byte goes through `write(2)` here, and before `main()`
/// of every executable that links this module, the `CStandardStreams` constructor ignores
/// SIGPIPE (children get the default back: swift-subprocess resets every signal) and gives a
/// closed stdin, stdout or stderr /dev/null. Without that, the next descriptor the process opens
/// — the runtime's own eventfd, a report, the lock, a socket to the engine — would be 1 or 2, and
/// what is printed would land in it.
package enum StandardStreams {
    /// What the constructor did before `main()`; ``ToolCommand`` calls it again, which is harmless.
    package static func prepare() {
        sandbox_bench_prepare_standard_streams()
    }

    /// The longest a write waits for a descriptor that is not ready (a non-blocking pipe whose
    /// reader is slow) before it gives up: printing never holds the tool up for long.
    static let readyWait: Int32 = 5_000

    /// Writes all of `text` to `descriptor`; the error number when a write failed, nil when all was written.
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
                continue
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN:
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&ready, 1, readyWait) > 0 { continue }
                return code
            default:
                return code
            }
        }
        return nil
    }
}

/// Standard output written directly, so that a failed write is known (a `print` to a full disk
/// fails silently inside the C library's buffer): every line a command prints goes through here.
/// A failed write does not stop the command; ``ToolCommand`` turns it into exit 3 at the end.
package enum StandardOutput {
    private static let firstFailure = Mutex<Int32?>(nil)
    private static let lock = Mutex(())

    /// The error number of the first write that failed, if one did.
    package static var failure: Int32? { firstFailure.withLock { $0 } }

    package static func write(_ text: String) {
        guard let code = lock.withLock({ _ in StandardStreams.write(text, to: STDOUT_FILENO) }) else { return }
        firstFailure.withLock { $0 = $0 ?? code }
    }
}

/// Standard error written directly: every error line, warning, log entry and progress line. A
/// write that fails (EPIPE, EBADF, ENOSPC, …) is dropped: there is nowhere left to say so, and
/// the exit code says what happened.
package enum StandardError {
    private static let lock = Mutex(())

    package static func write(_ text: String) {
        // One writer at a time, so that a warning and a log line from two tasks do not interleave.
        _ = lock.withLock { _ in StandardStreams.write(text, to: STDERR_FILENO) }
    }
}
