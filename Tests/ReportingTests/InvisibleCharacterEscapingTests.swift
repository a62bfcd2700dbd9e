import Testing

@testable import Reporting

/// A bidi override or a zero-width character in a label reaches no report raw: it is shown.
@Suite struct InvisibleCharacterEscapingTests {
    @Test func markdownAndHTMLShowInvisibleCharactersInsteadOfActingOnThem() {
        let label = "build \u{202E}dessap\u{200B}"
        #expect(MarkdownText.escape(label) == "build ‹U+202E›dessap‹U+200B›")
        #expect(MarkupEscaping.escape(label) == "build ‹U+202E›dessap‹U+200B›")
        #expect(MarkupEscaping.escape(label, inAttribute: true) == "build ‹U+202E›dessap‹U+200B›")
        // What prints as itself is left alone; a composed or decomposed accent is a visible character.
        #expect(MarkdownText.escape("caf\u{0065}\u{0301}") == "caf\u{0065}\u{0301}")
        #expect(MarkupEscaping.escape("café <b>") == "café &lt;b&gt;")
    }
}
