import Sandbox

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let bytes = ByteSize.parse(text) else { return 0 }
    precondition(bytes >= 1, "an accepted size is at least 1 byte")
    precondition(ByteSize.parse(ByteSize.format(bytes)) == bytes, "the shortest notation reads back as the same size")
    return 0
}
