/// Stdout and stderr of a container or an exec, each capped at a byte limit so that code
/// printing without end cannot exhaust memory.
package struct DemultiplexedOutput: Sendable, Equatable {
    /// The stream a piece of output was written to.
    package enum Stream: Sendable {
        case stdout
        case stderr
    }

    package private(set) var stdout: [UInt8] = []
    package private(set) var stderr: [UInt8] = []
    /// True when output beyond the limit was dropped.
    package private(set) var truncated = false
    package let limit: Int

    package init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    /// Appends what fits under the limit to `stream`'s bytes, and notes when something was dropped.
    package mutating func append(_ bytes: [UInt8], to stream: Stream) {
        switch stream {
        case .stdout: truncated = Self.append(bytes, to: &stdout, limit: limit) || truncated
        case .stderr: truncated = Self.append(bytes, to: &stderr, limit: limit) || truncated
        }
    }

    /// Appends what fits under `limit`; true when something was dropped.
    private static func append(_ bytes: [UInt8], to buffer: inout [UInt8], limit: Int) -> Bool {
        let room = limit - buffer.count
        guard bytes.count > room else {
            buffer.append(contentsOf: bytes)
            return false
        }
        buffer.append(contentsOf: bytes.prefix(max(room, 0)))
        return true
    }

    package var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    package var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
