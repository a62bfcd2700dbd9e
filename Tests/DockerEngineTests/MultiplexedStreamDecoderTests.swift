import DockerEngine
import EngineInterface
import Testing

@Suite struct MultiplexedStreamDecoderTests {
    /// Bytes captured from `GET /containers/{id}/logs?stdout=1&stderr=1` of a container that printed
    /// "hello" and "é✓" on stdout and "oops" on stderr (the daemon returned stderr's frame first).
    static let capturedLogs: [UInt8] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x6f, 0x6f, 0x70, 0x73,
        0x0a, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x68, 0x65, 0x6c,
        0x6c, 0x6f, 0x0a, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0xc3,
        0xa9, 0xe2, 0x9c, 0x93, 0x0a,
    ]

    static func frame(_ stream: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(payload.count)
        return [
            stream, 0, 0, 0, UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
            UInt8(truncatingIfNeeded: n),
        ]
            + payload
    }

    static func decode(_ chunks: [ArraySlice<UInt8>]) throws -> DemultiplexedOutput {
        var decoder = MultiplexedStreamDecoder()
        var output = DemultiplexedOutput()
        for chunk in chunks {
            for piece in try decoder.feed(chunk) { output.append(piece) }
        }
        try decoder.finish()
        return output
    }

    @Test func decodesACapturedStreamInOneChunk() throws {
        let output = try Self.decode([Self.capturedLogs[...]])
        #expect(output.stdoutText == "hello\né✓\n")
        #expect(output.stderrText == "oops\n")
        #expect(!output.truncated)
    }

    @Test func splittingAtEveryOffsetGivesTheSameResult() throws {
        let bytes = Self.capturedLogs
        for offset in 0...bytes.count {
            let output = try Self.decode([bytes[..<offset], bytes[offset...]])
            #expect(output.stdoutText == "hello\né✓\n", "split at \(offset)")
            #expect(output.stderrText == "oops\n", "split at \(offset)")
        }
    }

    @Test func splittingIntoThreeAtEveryPairOfOffsets() throws {
        let bytes = Self.capturedLogs
        for first in 0...bytes.count {
            for second in first...bytes.count {
                let output = try Self.decode([bytes[..<first], bytes[first..<second], bytes[second...]])
                #expect(output.stdoutText == "hello\né✓\n")
                #expect(output.stderrText == "oops\n")
            }
        }
    }

    @Test func byteByByteFeedKeepsStreamsApart() throws {
        var stream: [UInt8] = []
        for i in 0..<50 {
            stream += Self.frame(i % 2 == 0 ? 1 : 2, Array("line \(i)\n".utf8))
        }
        let output = try Self.decode(stream.indices.map { stream[$0...$0] })
        let expectedOut = stride(from: 0, to: 50, by: 2).map { "line \($0)\n" }.joined()
        let expectedErr = stride(from: 1, to: 50, by: 2).map { "line \($0)\n" }.joined()
        #expect(output.stdoutText == expectedOut)
        #expect(output.stderrText == expectedErr)
    }

    @Test func emptyFramesAreSkipped() throws {
        let stream = Self.frame(1, []) + Self.frame(2, []) + Self.frame(1, Array("a".utf8)) + Self.frame(1, [])
        for offset in 0...stream.count {
            let output = try Self.decode([stream[..<offset], stream[offset...]])
            #expect(output.stdoutText == "a")
            #expect(output.stderrText == "")
        }
    }

    @Test func payloadIsHandedOutBeforeTheFrameCompletes() throws {
        var decoder = MultiplexedStreamDecoder()
        let frame = Self.frame(1, Array("abcdef".utf8))
        #expect(try decoder.feed(frame[..<10]) == [.init(stream: .stdout, bytes: Array("ab".utf8))])
        #expect(try decoder.feed(frame[10...]) == [.init(stream: .stdout, bytes: Array("cdef".utf8))])
        try decoder.finish()
    }

    @Test func aStreamTruncatedAnywhereInsideAFrameIsReported() throws {
        let bytes = Self.capturedLogs
        let frameBoundaries: Set<Int> = [0, 13, 27, bytes.count]
        for length in 0...bytes.count {
            var decoder = MultiplexedStreamDecoder()
            _ = try decoder.feed(bytes[..<length])
            if frameBoundaries.contains(length) {
                try decoder.finish()
            } else {
                #expect(throws: DockerEngineError.self, "truncated at \(length)") { try decoder.finish() }
            }
        }
    }

    @Test func aRawTTYStreamIsRejected() {
        var decoder = MultiplexedStreamDecoder()
        #expect(throws: DockerEngineError.self) { try decoder.feed(Array("hello world\n".utf8)) }
    }

    @Test func outputBeyondTheLimitIsDroppedAndFlagged() throws {
        var output = DemultiplexedOutput(limit: 4)
        output.append(.init(stream: .stdout, bytes: Array("abc".utf8)))
        output.append(.init(stream: .stdout, bytes: Array("def".utf8)))
        output.append(.init(stream: .stderr, bytes: Array("xy".utf8)))
        #expect(output.stdoutText == "abcd")
        #expect(output.stderrText == "xy")
        #expect(output.truncated)
    }
}
