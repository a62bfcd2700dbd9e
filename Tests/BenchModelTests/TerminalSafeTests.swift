import BenchModel
import Foundation
import Testing

/// Text for a terminal: control characters and bidirectional overrides never act on it.
@Suite struct TerminalSafeTests {
    static let hostile = "a\u{1B}[31mred\u{07} \u{202E}evil\u{2066} b"

    @Test func textIsEscapedOnOneLineOrKeepsItsLineBreaks() {
        #expect(TerminalSafe.inline(Self.hostile + "\nnext") == "a\\e[31mred\\u{7} \\u{202E}evil\\u{2066} b\\nnext")
        #expect(TerminalSafe.block("x\ny\tz\u{1B}") == "x\ny\tz\\e")
    }

    /// JSON shown on a terminal is escaped the way JSON escapes, so that it still parses and
    /// reads back as what was stored.
    @Test func jsonStaysValidJSONWithTheSameContent() throws {
        let data = try JSONEncoder().encode(["label": Self.hostile])
        let pretty = String(
            decoding: try JSONSerialization.data(
                withJSONObject: JSONSerialization.jsonObject(with: data), options: [.prettyPrinted]), as: UTF8.self)
        let shown = TerminalSafe.json(pretty)
        #expect(
            !shown.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{07}" || $0 == "\u{2066}" })
        let decoded = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: String]
        #expect(decoded?["label"] == Self.hostile)
    }
}
