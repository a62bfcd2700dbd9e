import BenchModel
import Foundation

/// What the strict check accepts as JSON (a document with a key twice is still JSON), Foundation's
/// own parser reads too: the check never lets through text a decoder would then misread. The
/// reverse need not hold (Foundation also reads a trailing comma and UTF-16). A refusal is one line.
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    var problem: JSONDocumentProblem?
    do {
        try StrictJSON.check(data)
    } catch {
        problem = error
    }
    if let problem {
        precondition(!problem.description.contains("\n"), "a refusal is one line")
        if case .invalid = problem { return 0 }
    }
    do {
        _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
    } catch {
        // A number beyond Double's range is JSON all the same; the typed decoders refuse it themselves.
        let detail = "\(error)"
        precondition(detail.contains("not representable"), "accepted as JSON, refused by Foundation: \(detail)")
    }
    return 0
}
