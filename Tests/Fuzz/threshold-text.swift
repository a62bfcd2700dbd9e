@testable import Regression

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let change = try? ThresholdText.relativeChange(text, option: "--threshold")
    let fraction = try? ThresholdText.fraction(text, option: "--threshold")
    for value in [change, fraction].compactMap({ $0 }) {
        precondition(value.isFinite && value >= 0, "an accepted threshold is finite and 0 or more")
    }
    if let change {
        let written = ThresholdText.percentage(change)
        precondition(
            (try? ThresholdText.relativeChange(written, option: "--threshold")) == change,
            "\(written) does not read back as \(change)")
    }
    return 0
}
