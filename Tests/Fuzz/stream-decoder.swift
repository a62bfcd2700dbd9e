import DockerEngine
import EngineInterface

/// The payload a stream carries must not depend on where its chunks were cut.
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let cut = bytes.first.map({ Int($0) % (bytes.count + 1) }) else { return 0 }
    let stream = Array(bytes.dropFirst())
    var whole = MultiplexedStreamDecoder()
    var pieces = MultiplexedStreamDecoder()
    let at = min(cut, stream.count)
    let wholeResult = Result { try whole.feed(stream) }
    let piecesResult = Result { try pieces.feed(stream[..<at]) + pieces.feed(stream[at...]) }
    switch (wholeResult, piecesResult) {
    case (.success(let a), .success(let b)):
        precondition(joined(a) == joined(b), "chunking changed the payload")
        precondition(
            (try? whole.finish()) != nil || (try? pieces.finish()) == nil, "chunking changed the end of the stream")
    case (.failure, .failure):
        break
    default:
        preconditionFailure("chunking changed whether the stream is malformed")
    }
    return 0
}

func joined(_ chunks: [MultiplexedStreamDecoder.Chunk]) -> [[UInt8]] {
    var streams: [[UInt8]] = [[], [], []]
    for chunk in chunks { streams[Int(chunk.stream.rawValue)] += chunk.bytes }
    return streams
}
