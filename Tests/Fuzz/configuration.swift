import Foundation
import Regression

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    guard let configuration = try? RegressionConfiguration(json: data) else { return 0 }
    let written = try! JSONEncoder().encode(configuration)
    let read = try! RegressionConfiguration(json: written)
    precondition(read == configuration, "a configuration written back reads as the same one")
    return 0
}
