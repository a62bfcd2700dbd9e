import CStandardStreams
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Signals recorded from the moment ``open(_:deliver:)`` returns, and delivered one by one, in the
/// order they arrived, on a dispatch queue. A dispatch signal source alone loses a signal sent
/// between `resume()` and its registration with the event loop; here a C handler (see
/// `signal_inbox.c`) writes each signal into a pipe, which keeps it until the read source below
/// — registered late or not — reads it.
package final class SignalInbox: Sendable {
    /// Kept alive for the life of this object; set once in `init` and never touched again.
    private nonisolated(unsafe) let source: any DispatchSourceRead

    private init(source: any DispatchSourceRead) {
        self.source = source
    }

    deinit {
        source.cancel()
    }

    /// The error number when the pipe or a handler could not be made.
    package struct Failure: Error, CustomStringConvertible {
        package let code: Int32
        package var description: String {
            "could not set up the handling of SIGINT, SIGTERM and SIGHUP (\(String(cString: strerror(code))))"
        }
    }

    /// Records `signals` from now on and calls `deliver` with each one's number as it is read.
    package static func open(_ signals: [Int32], deliver: @escaping @Sendable (Int32) -> Void) throws -> SignalInbox {
        let descriptor = signals.withUnsafeBufferPointer {
            sandbox_bench_signal_inbox($0.baseAddress, Int32($0.count))
        }
        guard descriptor >= 0 else { throw Failure(code: errno) }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "signals"))
        source.setEventHandler {
            var bytes = [UInt8](repeating: 0, count: 64)
            while true {
                let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                for number in bytes.prefix(count) { deliver(Int32(number)) }
            }
        }
        source.resume()
        return SignalInbox(source: source)
    }
}
