import Foundation
import Sandbox

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    guard let profile = try? SandboxProfile.decode(data, source: "fuzz") else { return 0 }
    let written = try! profile.json()
    let read = try! SandboxProfile.decode(Data(written.utf8), source: "fuzz")
    precondition(read == profile, "a profile written back reads as the same one")
    return 0
}
