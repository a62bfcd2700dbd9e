import BenchModel
import Regression
import RegressionFixtures
import Testing

@testable import sandbox_bench

/// The comparison's table as `diff` and `gate` print it: aligned columns, the alerts, what is
/// missing or skipped, every user string made terminal-safe.
@Suite struct TerminalTableTests {
    @Test func columnsAlign() async throws {
        let text = TerminalTable.render(ReportSample.result)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("metric") })
        let rows = lines[start...].prefix { !$0.isEmpty }
        #expect(rows.count == 1 + 6)
        // "verdict" is the last column, left-aligned: every row's verdict starts where the header's does.
        let header = try #require(rows.first)
        for row in rows.dropFirst() {
            let verdict = try #require(Verdict.allCases.map(\.rawValue).first { row.hasSuffix(" " + $0) })
            #expect(row.count - verdict.count == header.count - "verdict".count, "\(row)")
        }
        #expect(text.contains("ALERT creation-slowdown: creation time (creation.create_start_s) 24.3 % slower"))
        #expect(text.contains("  runc version: 1.1.5 → 1.1.12 | <patched>"))
    }

    @Test func controlCharactersInLabelsAreNeutralised() {
        let candidate = Fixture.run([.parallelEfficiency: [0.9]], label: "evil\u{1B}[2J\nlabel")
        let text = TerminalTable.render(RunComparison(baseline: nil, candidate: candidate))
        #expect(!text.contains("\u{1B}"))
        // The one policy of every terminal line (TerminalSafe): shown as escapes, not as spaces.
        #expect(text.hasPrefix("evil\\e[2J\\nlabel (no baseline)\n"))
        #expect(
            text.contains("No alert, but the gate cannot pass: 1 rule check passed, 6 not checked: metric missing."))
        #expect(
            text.contains("  MISSING creation-slowdown: creation time (creation.create_start_s) is missing from evil"))
    }

    @Test func aSuiteNarrowedOnPurposeSaysWhatItSkipped() {
        var candidate = Fixture.run([.parallelEfficiency: [0.9], .leftoverContainers: [0]])
        candidate.scope = RunScope(specs: ["parallel"], suite: "full", narrowing: "--spec parallel")
        let text = TerminalTable.render(RunComparison(baseline: nil, candidate: candidate))
        #expect(text.contains("No alert: 2 rule checks passed, 5 skipped."))
        #expect(!text.contains("MISSING"))
    }
}
