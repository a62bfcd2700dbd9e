import BenchModel
import Foundation
import Testing

/// Every JSON document the tool reads is valid JSON with no key twice in one object.
@Suite struct StrictJSONTests {
    private func problem(_ text: String) -> JSONDocumentProblem? {
        do {
            try StrictJSON.check(text)
            return nil
        } catch {
            return error
        }
    }

    private func duplicatePath(_ text: String) -> String? {
        if case .duplicateKey(let path) = problem(text) { return path }
        return nil
    }

    @Test(arguments: [
        (#"{"user":"0:0","user":"1000:1000"}"#, "user"),
        (#"{"a": {"b": {"c": 1, "c": 2}}}"#, "a.b.c"),
        (
            #"{"specs": [{"spec": "a"}, {"spec": "b"}, {"spec": "c", "samples": [{"value": 99.0, "#
                + #""metric": "creation.create_s", "value": 0.06}]}]}"#,
            "specs[2].samples[0].value"
        ),
        (#"[[1], [2, {"x": [{"k": 1}, {"k": 1, "k": 2}]}]]"#, "[1][1].x[1].k"),
        (#"{"a": 1, "\u0061": 2}"#, "a"),
        (#"{"\"": 1, "\u0022": 2}"#, #"["\""]"#),
        (#"{"😀": 1, "\ud83d\ude00": 2}"#, #"["\uD83D\uDE00"]"#),
        (#"{"pages": {"run-1.html": "x", "run-1\u002ehtml": "y"}}"#, #"pages["run-1.html"]"#),
        (#"{"": 1, "": 2}"#, #"[""]"#),
    ])
    func aKeyTwiceInOneObjectIsRefusedWithItsPath(document: String, path: String) {
        #expect(duplicatePath(document) == path, "\(String(describing: problem(document)))")
    }

    @Test(arguments: [
        #"{"x": {"a": 1}, "y": {"a": 2}}"#, #"[{"a": 1}, {"a": 2}, {"a": 3}]"#, #"{"a": {"a": {"a": 1}}}"#,
        #"{"a": 1, "A": 2, "a ": 3, "b": [{"a": 1}]}"#, #"{"a": [{"b": 1}], "b": 2}"#,
    ])
    func theSameKeyInOtherObjectsIsAllowed(document: String) throws {
        #expect(try StrictJSON.check(document) == .object || StrictJSON.check(document) == .array)
    }

    /// JSON compares keys scalar by scalar; Swift's `String` (and so Foundation's decoders) by
    /// canonical equivalence. Keys that only the second takes for one are refused, not merged.
    @Test func keysThatDifferOnlyInNormalisationAreRefusedAsAmbiguous() {
        let kelvin = problem(#"{"K": 1, "\u212A": 2}"#)
        #expect(kelvin == .equivalentKeys(path: #"["\u212A"]"#, first: "K", second: "\u{212A}"))
        #expect(kelvin?.reason.contains(#""K" and "\u212A""#) == true, "\(String(describing: kelvin))")
        let accent = problem(#"{"x": {"\u00e9": 1, "e\u0301": 2}}"#)
        #expect(accent?.keyPath == #"x["e\u0301"]"#)
        #expect(accent?.reason.contains(#""\u00E9" and "e\u0301""#) == true)
    }

    @Test func manyKeysAreComparedAsFewAre() {
        let keys = (0..<1000).map { "\"key\($0)\": \($0)" }
        #expect(problem("{" + keys.joined(separator: ", ") + "}") == nil)
        #expect(duplicatePath("{" + (keys + ["\"key999\": 0"]).joined(separator: ", ") + "}") == "key999")
        #expect(duplicatePath("{" + (keys + ["\"key3\": 0"]).joined(separator: ", ") + "}") == "key3")
    }

    @Test func nestingUpToFoundationsLimitIsReadAndDeeperIsRefusedWithoutRecursion() {
        let depth = StrictJSON.maximumDepth
        #expect(problem(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) == nil)
        let deeper = problem(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
        #expect(deeper?.reason.contains("nested more than 512 deep") == true)
        // A hundred thousand levels: refused at the limit, no stack to overflow.
        #expect(problem(String(repeating: "[{\"a\":", count: 100_000))?.keyPath == nil)
        let objects =
            String(repeating: #"{"a": "#, count: depth - 1) + #"{"b": 1, "b": 2}"#
            + String(repeating: "}", count: depth - 1)
        #expect(duplicatePath(objects) == Array(repeating: "a", count: depth - 1).joined(separator: ".") + ".b")
    }

    /// Sized so that a scan quadratic in any dimension (keys of one object, objects, string
    /// length) would take hours; a linear one takes well under a second.
    @Test(.timeLimit(.minutes(2))) func hugeDocumentsAreScannedInLinearTime() throws {
        let manyKeys = "{" + (0..<200_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        #expect(try StrictJSON.check(manyKeys) == .object)
        #expect(duplicatePath(String(manyKeys.dropLast()) + ",\"k199999\":0}") == "k199999")
        let manyObjects =
            "[" + String(repeating: #"{"metric":"creation.create_s","iteration":1,"value":0.02},"#, count: 200_000)
            + "{}]"
        #expect(try StrictJSON.check(manyObjects) == .array)
        let longString = "{\"a\":\"" + String(repeating: "é\\n", count: 2_000_000) + "\"}"
        #expect(try StrictJSON.check(longString) == .object)
        let longKey = String(repeating: "k", count: 5_000_000)
        #expect(duplicatePath("{\"\(longKey)\":1,\"\(longKey)\":2}") == longKey)
    }

    @Test(arguments: [
        ("", "the document is empty"), ("  \n ", "the document is empty"),
        (#"{"a": 1,}"#, "expected a key"), ("[1, 2,]", "expected a value"), (#"{"a": 01}"#, "leading zero"),
        (#"{"a": 1.}"#, "after its decimal point"), (#"{"a": .5}"#, "expected a value"),
        (#"{"a": +1}"#, "expected a value"), (#"{"a": 1e}"#, "in its exponent"), (#"{"a": -}"#, "needs a digit"),
        ("{\"a\": \"x\ty\"}", "control character"), (#"{"a": "\x"}"#, "an escape that JSON does not have"),
        (#"{"a": "\u12"}"#, "four hexadecimal digits"), (#"{"\uD800": 1}"#, "without its low surrogate"),
        (#"{"a": "\uDC00"}"#, "without its high surrogate"), (#"{"a": "\uD800\u0041"}"#, "without its low"),
        (#"{"a": 1} x"#, "more text after the end"), (#"{"a": NaN}"#, "expected a value"),
        (#"{"a": tru}"#, "expected a value"), (#"{'a': 1}"#, "expected a key in double quotes"),
        (#"{"a": /* c */ 1}"#, "expected a value"), (#"{"a": 1"#, "ends inside an object"),
        (#"{"a" 1}"#, "expected : after a key"), (#"[1 2]"#, "expected , or ]"),
        (#"{"a": 1 "b": 2}"#, "expected , or }"),
        (#"{"a": "open"#, "ends inside a string"), ("\u{A0}{}", "expected a value"), ("{}\u{0C}", "more text"),
        // A duplicate in a document that is not JSON anyway: the document is reported as not JSON.
        (#"{"a": 1, "a": 2"#, "ends inside an object"),
    ])
    func invalidJSONIsReportedAsInvalid(document: String, reason: String) {
        let found = problem(document)
        guard case .invalid(let said, _, _) = found else {
            Issue.record("\(document): \(String(describing: found))")
            return
        }
        #expect(said.contains(reason), "\(document): \(said)")
        #expect(found?.reason.hasPrefix("it is not valid JSON: ") == true)
    }

    @Test(
        arguments: [
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],  // a byte that is never UTF-8
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D],  // an overlong "/"
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D],  // a surrogate in UTF-8
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D],  // above U+10FFFF
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D],  // cut short
            [0x7B, 0x00, 0x22, 0x00, 0x61, 0x00, 0x22, 0x00, 0x3A, 0x00, 0x31, 0x00, 0x7D, 0x00],  // UTF-16
        ] as [[UInt8]])
    func textThatIsNotUTF8IsInvalid(bytes: [UInt8]) {
        #expect(throws: JSONDocumentProblem.self) { try StrictJSON.check(Data(bytes)) }
    }

    @Test func theLineAndColumnOfAnErrorAreGiven() {
        #expect(
            problem("{\"statistic\": \n median}")
                == .invalid(
                    reason: "expected a value (an object, array, string, number, true, false or null)", line: 2,
                    column: 2))
    }

    @Test(arguments: [
        #"{"a": -0.5e-3, "b": 1E+2, "c": 0, "d": [true, false, null], "e": {}, "f": [], "g": "\/\b\f\n\r\t\u00e9"}"#,
        "\u{FEFF}{\"a\": 1}", " \t\r\n[ ]\n", #""text""#, "1", "-0", "true", "null", #"{"😀": "\ud83d\ude00"}"#,
        #"{"\u0000": 1, "\u0001": 2}"#,
    ])
    func validJSONIsAccepted(document: String) throws {
        try StrictJSON.check(document)
        #expect((try? JSONSerialization.jsonObject(with: Data(document.utf8), options: .fragmentsAllowed)) != nil)
    }

    @Test func theDecoderChecksBeforeItDecodes() throws {
        struct Profile: Decodable, Equatable { var user: String }
        #expect(try StrictJSONDecoder().decode(Profile.self, from: #"{"user": "1000:1000"}"#).user == "1000:1000")
        #expect(throws: JSONDocumentProblem.duplicateKey(path: "user")) {
            try StrictJSONDecoder().decode(Profile.self, from: #"{"user": "0:0", "user": "1000:1000"}"#)
        }
        // Foundation alone would accept a trailing comma; the check does not.
        #expect(throws: JSONDocumentProblem.self) {
            try StrictJSONDecoder().decode(Profile.self, from: #"{"user": "1000:1000",}"#)
        }
    }
}
