import BenchModel
import Foundation
import Regression
import RegressionFixtures
import Reporting
import StoreTestSupport
import Testing

@Suite struct MarkdownSummaryTests {
    /// Cells of a table line, split on the pipes that are not escaped.
    private func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if character == "|" && !escaped {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(current)
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func tablesAreWellFormedGitHubTables() async throws {
        let markdown = MarkdownSummary.render(ReportSample.result)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tableLines = lines.filter { $0.hasPrefix("|") }
        let expectedTableLines: Int = (2 + 5) + (2 + 1) + (2 + 1)  // moved table, unchanged table, environment table
        #expect(tableLines.count == expectedTableLines)
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("|") else {
                index += 1
                continue
            }
            #expect(index == 0 || lines[index - 1].isEmpty, "a table starts after a blank line")
            let width = cells(lines[index]).count
            let alignment = cells(lines[index + 1])
            #expect(alignment.count == width)
            #expect(alignment.allSatisfy { ["---", "---:"].contains($0) })
            index += 2
            while index < lines.count, lines[index].hasPrefix("|") {
                #expect(cells(lines[index]).count == width, "\(lines[index])")
                index += 1
            }
        }
    }

    @Test func sectionsComeInOrder() async throws {
        let markdown = MarkdownSummary.render(ReportSample.result)
        let table = try #require(
            markdown.range(of: "| metric | baseline | current | change | 95 % CI | p | n | verdict |"))
        let alerts = try #require(markdown.range(of: "#### Alerts"))
        let environment = try #require(markdown.range(of: "#### Environment differences"))
        #expect(table.lowerBound < alerts.lowerBound && alerts.lowerBound < environment.lowerBound)
        #expect(
            markdown.contains(
                "| creation.create\\_start\\_s | 0.411 s | 0.512 s | +24.3 % | +22.4 % … +25.9 % | \\< 0.001 | 8/8 | **regression** |"
            ))
        #expect(markdown.contains("<details><summary>1 unchanged metric</summary>"))
        #expect(
            markdown.contains(
                "**3 alerts** · **2 rules not checked: metric missing** · 7 rule checks · 6 metrics: 1 regression,"
                    + " 1 unchanged, 2 noise, 1 new, 1 missing"))
        let missing = try #require(markdown.range(of: "#### Missing metrics (the gate cannot pass)"))
        #expect(alerts.lowerBound < missing.lowerBound && missing.lowerBound < environment.lowerBound)
        #expect(
            markdown.contains("- **cleanup-failures** (missing from the candidate): cleanup failures (e2e.failures)"))
    }

    @Test func userTextCannotBreakOutOfItsCellOrLine() {
        let markdown = MarkdownSummary.render(ReportSample.result)
        #expect(
            markdown.hasPrefix(
                "### sandbox-bench: run \\<42\\> \\& \"nightly\" \\| 'x' second line vs baseline \\<default\\> \\& co\n"
            ))
        #expect(markdown.contains("| runc version | 1.1.5 | 1.1.12 \\| \\<patched\\> |"))
        #expect(!markdown.contains("<42>"))
        #expect(!markdown.contains("<patched>"))
    }

    @Test func ruleTitlesFromTheConfigurationAreEscapedInAlerts() {
        let rule = RegressionRule(name: "x|y", title: "**bold** <b>", metrics: ["e2e.cycle_s"], limit: .bound(1))
        let result = RunComparison(
            baseline: nil, candidate: Fixture.run(["e2e.cycle_s": [2]]),
            configuration: RegressionConfiguration(extraRules: [rule]))
        let markdown = MarkdownSummary.render(result)
        #expect(
            markdown.contains(
                "- **x\\|y**: \\*\\*bold\\*\\* \\<b\\> (e2e.cycle\\_s) is 2.000 s, above the ceiling of 1.000 s."))
    }

    @Test func quietRunsSayLittle() {
        let steady = [0.400, 0.402, 0.405, 0.398, 0.401]
        let result = RunComparison(
            baseline: Fixture.baseline([.creationTime: steady]), candidate: Fixture.run([.creationTime: steady]))
        let markdown = MarkdownSummary.render(result)
        #expect(markdown.contains("Every metric is within 5 % of the baseline."))
        #expect(markdown.contains("#### Alerts\n\nNone."))
        #expect(!markdown.contains("Environment differences"))
    }

    @Test func noBaselineIsSaid() {
        let markdown = MarkdownSummary.render(
            RunComparison(baseline: nil, candidate: Fixture.run([.creationTime: [0.4]])))
        #expect(markdown.contains("No baseline: only the rules that need none were checked."))
        #expect(markdown.contains("(no baseline)"))
    }
}

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

@Suite struct ComparisonJSONTests {
    @Test func roundTrips() async throws {
        let result = ReportSample.result
        let json = try ComparisonJSON.render(result)
        #expect(try ComparisonJSON.decode(json) == result)
    }

    @Test func documentedKeysArePresent() async throws {
        let json = try ComparisonJSON.render(ReportSample.result)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "baselineLabel", "candidateLabel", "baselineRunCount", "statistic", "noise", "metrics", "outcomes",
                "environmentDifferences",
            ])
        let outcome = try #require((object["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["status"] as? String == "alert")
        #expect((outcome["limit"] as? [String: Any])?["maxWorsening"] as? Double == 0.2)
        let metric = try #require(
            (object["metrics"] as? [[String: Any]])?.first { $0["metric"] as? String == "creation.create_start_s" })
        #expect(metric["verdict"] as? String == "regression")
        #expect(metric["unit"] as? String == "s")
        #expect(metric["direction"] as? String == "smaller")
        #expect((metric["interval"] as? [String: Any])?["confidence"] as? Double == 0.95)
    }
}
