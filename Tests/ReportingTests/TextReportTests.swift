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
        // moved (alert, regression? none; 1 alert row + efficiency + cleanup), folded, environment
        #expect(tableLines.count >= 2 + 2 + 2)
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

    /// The first lines, as a CI job page shows them: the verdict, then one line per failing check.
    @Test func theVerdictAndTheFailingChecksComeFirst() throws {
        let markdown = MarkdownSummary.render(
            ReportSample.result,
            context: .init(verdict: .alert, link: SummaryLink(url: "https://ci.example/run/7", label: "report")))
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0]
                == "### ❌ sandbox-bench gate failed: 3 alerts · run \\<42\\> \\& \"nightly\" \\| 'x' second line "
                + "vs baseline \\<default\\> \\& co")
        #expect(lines[1] == "")
        #expect(
            lines[2]
                == "- ❌ **alert** **creation-slowdown** · `creation.create_start_s` 0.411 s → 0.512 s, +24.3 % "
                + "(95 % CI +22.4 % … +25.9 %, p < 0.001) · limit +20 %")
        #expect(lines[3].hasPrefix("- ❌ **alert** **parallel-efficiency** · `parallel.efficiency` 0.360 → 0.340"))
        #expect(lines[3].hasSuffix(" · limit ≥ 0.500"))
        #expect(lines[4].hasPrefix("- ❌ **alert** **cleanup-failures** · `cleanup.failures`"))
        #expect(lines[5].hasPrefix("- ❌ **missing** **"))
        #expect(lines[8] == "[report](<https://ci.example/run/7>) · 7 rule checks · 6 metrics")
        #expect(markdown.contains("<details><summary>1 unchanged, 1 new, 1 missing metrics</summary>"))
        #expect(!markdown.contains("<42>"))
        #expect(markdown.contains("| runc version | 1.1.5 | 1.1.12 \\| \\<patched\\> |"))
    }

    @Test func oneAlertAmongManyNoisyMetricsStaysShort() {
        var baseline = Fixture.samples(.creationTime, [0.40, 0.41, 0.40, 0.42, 0.41, 0.40, 0.41, 0.40])
        var candidate = Fixture.samples(.creationTime, [0.60, 0.61, 0.60, 0.62, 0.61, 0.60, 0.61, 0.60])
        for index in 0..<40 {
            let metric = MetricID(rawValue: "scaling.n\(index).wall_s")
            baseline += Fixture.samples(metric, [1.0, 1.5])
            candidate += Fixture.samples(metric, [1.4, 0.9])
        }
        let result = RunComparison(
            baseline: Baseline(RunMeasurements(label: "baseline default", samples: baseline)),
            candidate: RunMeasurements(label: "run 9", samples: candidate))
        let markdown = MarkdownSummary.render(result, context: .init(verdict: .alert))
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let visible = lines.prefix { !$0.hasPrefix("<details>") }
        #expect(lines[0] == "### ❌ sandbox-bench gate failed: 1 alert · run 9 vs baseline default")
        #expect(visible.count <= 25, "\(markdown)")
        #expect(markdown.contains("<details><summary>"))
    }

    @Test func eachVerdictHasItsOwnFirstLine() {
        let quiet = Self.quiet
        let first = { (markdown: String) in String(markdown.prefix { $0 != "\n" }) }
        #expect(
            first(MarkdownSummary.render(quiet, context: .init(verdict: .passed))).hasPrefix(
                "### ✅ sandbox-bench gate passed: no alert"))
        #expect(first(MarkdownSummary.render(quiet)).hasPrefix("### ✅ sandbox-bench passed: no alert"))
        let dismissed = ReportSample.result.alerts[0]
        #expect(
            first(MarkdownSummary.render(quiet, context: .init(verdict: .passed, dismissed: [dismissed])))
                .hasPrefix("### ⚠️ sandbox-bench gate passed after confirmation: 1 alert not reproduced"))
        let alone = RunComparison(baseline: nil, candidate: Fixture.run(Self.steady))
        #expect(first(MarkdownSummary.render(alone)).hasPrefix("### ⚠️ sandbox-bench passed with no baseline"))
        #expect(
            first(MarkdownSummary.render(quiet, context: .init(verdict: .incomplete)))
                .hasPrefix("### ❌ sandbox-bench gate failed: the run did not complete"))
        let efficiency = ReportSample.result.alerts.filter { $0.metric == .parallelEfficiency }
        #expect(
            first(
                MarkdownSummary.render(
                    ReportSample.result,
                    context: .init(verdict: .alert, standing: efficiency, expected: efficiency.map(\.message)))
            ).hasPrefix("### ❌ sandbox-bench gate failed: 1 alert, expected on this host"))
    }

    @Test func ruleTitlesFromTheConfigurationAreEscapedInAlerts() {
        let rule = RegressionRule(name: "x|y", title: "**bold** <b>", metrics: ["e2e.cycle_s"], limit: .bound(1))
        let result = RunComparison(
            baseline: nil, candidate: Fixture.run(["e2e.cycle_s": [2]]),
            configuration: RegressionConfiguration(extraRules: [rule]))
        let markdown = MarkdownSummary.render(result)
        #expect(markdown.contains("- ❌ **alert** **x\\|y** · `e2e.cycle_s` 2.00 s · limit ≤ 1.00 s"))
    }

    /// Every metric a default rule watches, steady.
    static let steady: [MetricID: [Double]] = [
        .creationTime: [0.400, 0.402, 0.405, 0.398, 0.401], .parallelEfficiency: [0.9], .cleanupFailures: [0],
        "e2e.failures": [0], "cleanup_all.failures": [0], .leftoverContainers: [0], "security.violations": [0],
    ]
    static var quiet: RunComparison {
        RunComparison(baseline: Fixture.baseline(steady), candidate: Fixture.run(steady))
    }

    @Test func quietRunsSayLittle() {
        let markdown = MarkdownSummary.render(Self.quiet)
        #expect(markdown.hasPrefix("### ✅ sandbox-bench passed: no alert · candidate vs baseline\n"))
        #expect(markdown.contains("No metric moved beyond 5 % with significance."))
        #expect(!markdown.contains("Environment differences"))
        #expect(markdown.split(separator: "\n").prefix { !$0.hasPrefix("<details>") }.count == 3)
    }
}

@Suite struct SummaryLinkTests {
    @Test func theGitHubActionsRunPageIsBuiltFromTheEnvironment() {
        let link = SummaryLink.fromEnvironment([
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/sandbox", "GITHUB_RUN_ID": "12345",
        ])
        #expect(link?.url == "https://github.com/acme/sandbox/actions/runs/12345")
        #expect(link?.markdown == "[CI run and its artifacts](<https://github.com/acme/sandbox/actions/runs/12345>)")
        #expect(SummaryLink.fromEnvironment(["GITHUB_SERVER_URL": "https://github.com"]) == nil)
        #expect(
            SummaryLink.fromEnvironment([
                "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/x)](javascript:1",
                "GITHUB_RUN_ID": "1",
            ]) == nil)
        #expect(
            SummaryLink.fromEnvironment([
                "GITHUB_SERVER_URL": "javascript:alert(1)", "GITHUB_REPOSITORY": "a/b", "GITHUB_RUN_ID": "1",
            ]) == nil)
    }

    @Test func aGivenURLMustBeAWebAddressALinkCanHold() throws {
        #expect(try SummaryLink.given("https://ci.example/artifacts/7").url == "https://ci.example/artifacts/7")
        for bad in [
            "", " ", "ftp://x/y", "https://", "https://x/a b", "https://x/<script>", "file:///etc/passwd",
            "report.html",
        ] {
            #expect(throws: SummaryLinkError.self) { try SummaryLink.given(bad) }
        }
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
