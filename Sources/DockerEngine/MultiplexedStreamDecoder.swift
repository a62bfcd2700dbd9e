import EngineInterface

/// Decodes Docker's multiplexed stdout/stderr stream: frames of an 8-byte header
/// (stream type, three zero bytes, big-endian payload length) followed by the payload.
///
/// Body chunks arrive split at arbitrary offsets — inside a header, inside a payload — so the
/// decoder keeps its state between ``feed(_:)`` calls and hands out payload bytes as soon as
/// they arrive, without waiting for a frame to complete.
package struct MultiplexedStreamDecoder: Sendable {
    package enum Stream: UInt8, Sendable {
        case stdin = 0
        case stdout = 1
        case stderr = 2
    }

    /// A piece of one frame's payload.
    package struct Chunk: Equatable, Sendable {
        package let stream: Stream
        package let bytes: [UInt8]

        package init(stream: Stream, bytes: [UInt8]) {
            self.stream = stream
            self.bytes = bytes
        }
    }

    private enum State: Sendable {
        case header([UInt8])
        case payload(Stream, remaining: Int)
    }

    private var state: State = .header([])

    package init() {}

    /// Consumes `bytes` and returns the payload they carry, tagged with its stream.
    package mutating func feed(_ bytes: some Collection<UInt8>) throws(DockerEngineError) -> [Chunk] {
        var chunks: [Chunk] = []
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch state {
            case .header(var header):
                let take = min(8 - header.count, bytes.distance(from: index, to: bytes.endIndex))
                let end = bytes.index(index, offsetBy: take)
                header.append(contentsOf: bytes[index..<end])
                index = end
                if header.count < 8 {
                    state = .header(header)
                } else {
                    guard let stream = Stream(rawValue: header[0]), header[1] == 0, header[2] == 0, header[3] == 0
                    else {
                        throw .malformedStream(
                            "a frame header starts with \(header.prefix(4).map { String($0) }.joined(separator: " ")), which is not a stream type; is the container running with a TTY?"
                        )
                    }
                    let length = header[4...7].reduce(0) { ($0 << 8) | Int($1) }
                    state = length == 0 ? .header([]) : .payload(stream, remaining: length)
                }
            case .payload(let stream, let remaining):
                let take = min(remaining, bytes.distance(from: index, to: bytes.endIndex))
                let end = bytes.index(index, offsetBy: take)
                chunks.append(Chunk(stream: stream, bytes: Array(bytes[index..<end])))
                index = end
                state = remaining == take ? .header([]) : .payload(stream, remaining: remaining - take)
            }
        }
        return chunks
    }

    /// Call at the end of the stream: throws when it ended inside a frame.
    package func finish() throws(DockerEngineError) {
        switch state {
        case .header(let header) where header.isEmpty:
            return
        case .header(let header):
            throw .malformedStream("the stream ended \(header.count) bytes into a frame header")
        case .payload(_, let remaining):
            throw .malformedStream("the stream ended \(remaining) bytes before the end of a frame")
        }
    }
}

extension DemultiplexedOutput {
    /// Appends one decoded piece of a multiplexed stream (what was written to stdin is not output).
    package mutating func append(_ chunk: MultiplexedStreamDecoder.Chunk) {
        switch chunk.stream {
        case .stdout: append(chunk.bytes, to: .stdout)
        case .stderr: append(chunk.bytes, to: .stderr)
        case .stdin: break
        }
    }
}
