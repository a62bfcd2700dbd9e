import Sandbox

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard ImageReference.problem(text) == nil else { return 0 }
    precondition(
        !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value >= 0x7F },
        "an accepted reference is printable ASCII")
    return 0
}
