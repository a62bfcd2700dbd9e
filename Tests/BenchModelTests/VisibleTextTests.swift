import BenchModel
import Testing

/// Names that print as themselves: what would make two names print alike, or a line read
/// differently from what it holds, is refused in a name and escaped in every output.
@Suite struct VisibleTextTests {
    @Test(arguments: [
        "default\u{200B}", "de\u{200D}fault", "build \u{202E}dessap", "\u{FEFF}default", "nightly\u{00A0}1",
        "a\u{2028}b", "x\u{FE0F}", "soft\u{00AD}hyphen", "tab\there", "iso\u{2066}late", "private\u{E000}",
    ])
    func aNameHoldingACharacterThatDoesNotPrintAsItselfIsRefused(name: String) {
        let problem = VisibleText.problem(inName: name)
        #expect(problem?.contains("does not print as itself") == true)
    }

    @Test(arguments: ["default", "before-runc-upgrade", "café", "caf\u{0065}\u{0301}", "夜間 run", "ci/gen2 eu"])
    func anOrdinaryNameIsAccepted(name: String) {
        #expect(VisibleText.problem(inName: name) == nil)
    }

    @Test func theCodePointIsNamedAndATerminalSeesItEscaped() {
        #expect(VisibleText.problem(inName: "default\u{200B}")?.hasPrefix("it holds U+200B,") == true)
        #expect(TerminalSafe.inline("default\u{200B}") == "default\\u{200B}")
        #expect(TerminalSafe.inline("d\u{00E9}fault") == "d\u{00E9}fault")
        #expect(VisibleText.shown("\u{202E}") == "‹U+202E›")
    }
}
