import Foundation
import ResultsStore

@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    let file: BaselineFile
    do {
        file = try BaselineFile(json: data, source: "fuzz.json")
    } catch {
        // A refusal is one sentence: it names the file and never spans lines.
        let sentence = error.description
        precondition(
            sentence.contains("fuzz.json") && !sentence.contains("\n"),
            "a refusal is one line naming the file: \(sentence)")
        return 0
    }
    // An accepted file written back reads as the same file.
    let written = try! file.json()
    let read = try! BaselineFile(json: Data(written.utf8), source: "written.json")
    precondition(read == file, "a baseline file written back reads as the same one")
    return 0
}
