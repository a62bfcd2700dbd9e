import Foundation
import TestSupport
import Testing

/// Names, labels and notes are stored as given, and printed with their control characters
/// escaped: a label cannot move the cursor, change colours or ring the bell.
@Suite struct TerminalSafetyTests {
    @Test(arguments: [
        ["runs", "list"], ["runs", "show", "2"], ["baseline", "list"],
        ["baseline", "show", FixtureDatabase.hostileBaseline],
        ["baseline", "show", "default"], ["diff", "1", "2"], ["diff", "1", "2", "--format", "markdown"],
        ["baseline", "rm", "no\u{1B}[2Jsuch"],
    ])
    func controlCharactersAreShownEscaped(arguments: [String]) async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await FixtureDatabase.write(at: cli.database)
        let outcome = try await cli.run(arguments)
        for (stream, text) in [("stdout", outcome.stdout), ("stderr", outcome.stderr)] {
            let raw = text.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
            }
            #expect(raw.isEmpty, "\(arguments) \(stream): \(text.debugDescription)")
        }
        #expect(!outcome.stdout.isEmpty || !outcome.stderr.isEmpty)
    }

    @Test func whatWasGivenIsStoredAsGiven() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await FixtureDatabase.write(at: cli.database)
        let json = try await cli.run(["runs", "list", "--json"])
        #expect(json.stdout.contains(#"nightly\u001b[31mRED\u0007\nsecond line"#), "\(json.stdout)")
        let shown = try await cli.run(["runs", "list"])
        #expect(shown.stdout.contains(#"nightly\e[31mRED\u{7}\nsecond line"#), "\(shown.stdout)")
    }
}
