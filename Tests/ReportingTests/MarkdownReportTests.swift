import Foundation
import Regression
import StoreTestSupport
import Testing

@testable import Reporting

@Suite struct MarkdownReportTests {
    /// The cells of a table line, split at pipes that are not backslash-escaped.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.dropFirst().dropLast() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    @Test func tablesHaveAHeaderAnAlignmentRowAndNineCellsPerRow() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let markdown = MarkdownReport.render(report)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tableLines = lines.filter { $0.hasPrefix("| ") }
        #expect(!tableLines.isEmpty)
        for line in tableLines {
            #expect(line.hasSuffix(" |"))
            let cells = Self.cells(line)
            #expect(cells.count == 9, "\(line)")
        }
        let header = try #require(lines.firstIndex { $0.hasPrefix("| metric |") })
        #expect(lines[header + 1].hasPrefix("| --- | ---: |"))
        let comparison = try #require(report.comparison)
        let metricRows = tableLines.filter { !$0.hasPrefix("| metric") && !$0.hasPrefix("| ---") }
        // Noise is left out and counted; everything else has its row.
        let noise = comparison.metrics.filter { $0.verdict == .noise }.count
        #expect(metricRows.count == comparison.metrics.count - noise)
        // The alert is the first row.
        #expect(metricRows.first?.hasPrefix("| creation.create\\_start\\_s |") == true)
        #expect(markdown.components(separatedBy: "\n#").count == 1, "one heading")
    }

    /// The sentence of a busy run names what made it busy: the cores of other work and, where
    /// the kernel reported it, the share of the time some task waited for I/O; a quiet run has none.
    @Test func theBusySentenceSaysHowMuchOtherWorkAndHowLongTheDiskWasWaitedFor() throws {
        let facts = try #require(HostLoadFacts(busySpecs: 1, foreignPercent: 12, ioWaitPercent: 34))
        #expect(
            facts.sentence.hasPrefix(
                "Measured on a busy host: other work took 0.120 cores on average, some task waited for I/O "
                    + "34.0 % of the time, 1 spec was busy"), "\(facts.sentence)")
        let cpuOnly = try #require(HostLoadFacts(busySpecs: 2, foreignPercent: 120))
        #expect(!cpuOnly.sentence.contains("I/O"), "no pressure figure stored: none said")
        #expect(HostLoadFacts(busySpecs: 0, foreignPercent: 120, ioWaitPercent: 50) == nil)
    }

    /// A run measured on a busy host says so under its verdict, as the HTML report's verdict box
    /// does, and so does the CI summary; a run measured on a quiet host does not.
    @Test func aBusyRunIsMarkedUnderItsVerdict() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let busy = try await CreationRuns.store(runs.database, creation: 0.3, minute: 0, busy: true)
        let quiet = try await CreationRuns.store(runs.database, creation: 0.3, minute: 1)
        let sentence = "Measured on a busy host: 1 spec was busy even after busy iterations were measured again"
        let markdown = MarkdownReport.render(try await runs.report(busy))
        let lines = markdown.split(separator: "\n").map(String.init)
        let verdict = try #require(lines.firstIndex { $0.hasPrefix("**") })
        let warning = try #require(lines.firstIndex { $0.hasPrefix("- ⚠️ \(sentence)") }, "\(markdown)")
        #expect(verdict < warning)
        #expect(!lines[..<warning].contains { $0.hasPrefix("| ") }, "before the metric tables")
        #expect(!MarkdownReport.render(try await runs.report(quiet)).contains("busy host"))
        #expect(HTMLReport.render(try await runs.report(busy)).contains(sentence), "the same sentence as the HTML")
        // The CI summary of the same comparison, under its headline and before the tables.
        let summary = MarkdownSummary.render(try #require(try await runs.report(busy).comparison))
            .split(separator: "\n").map(String.init)
        let busyLine = try #require(summary.firstIndex { $0.hasPrefix("⚠️ \(sentence)") }, "\(summary)")
        #expect(busyLine > 0 && summary[0].hasPrefix("### "))
        #expect(!summary[..<busyLine].contains { $0.hasPrefix("| ") })
        let quietSummary = MarkdownSummary.render(try #require(try await runs.report(quiet).comparison))
        #expect(!quietSummary.contains("busy host"))
    }

    @Test func theVerdictLeadsAndTheAlertIsListed() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let markdown = MarkdownReport.render(report)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines[0] == "## sandbox-bench report: run \(runs.regressed) · ✗ 1 alert")
        #expect(
            lines.contains(
                "**Run \(runs.regressed) raised 1 alert against baseline \"default\" (run \(runs.baseline)).**"))
        let alert = try #require(
            lines.firstIndex { $0.hasPrefix("- **creation-slowdown**: creation time (creation.create\\_start\\_s)") })
        #expect(alert < (lines.firstIndex { $0.hasPrefix("| metric |") } ?? 0), "the alert comes before the table")
        #expect(lines.contains { $0.hasPrefix("- `creation.create_start_s` ") && $0.contains("alerts in 1 run") })
    }

    /// Every `<` is backslash-escaped, except the summary's own folding tags.
    static func unescapedAngleBrackets(_ markdown: String) throws -> Int {
        let pattern = try NSRegularExpression(pattern: #"(?<!\\)<(?!/?(details|summary)>)"#)
        return pattern.numberOfMatches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown))
    }

    @Test func labelsAndReasonsCannotAddMarkup() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let labelled = MarkdownReport.render(try await runs.report(runs.labelled))
        #expect(try Self.unescapedAngleBrackets(labelled) == 0)
        #expect(labelled.contains("\\<script\\>alert(\"x\")\\</script\\> \\& co"))
        let failed = MarkdownReport.render(try await runs.report(runs.failed))
        #expect(failed.contains("**Run \(runs.failed) failed: The engine \\<dockerd\\> stopped answering.**"))
        #expect(try Self.unescapedAngleBrackets(failed) == 0)
        #expect(
            failed.contains("not compared with baseline \"default\" (run \(runs.baseline)): the run did not complete"))
    }

    @Test func sparklinesShowGapsForFailedAndAbortedRuns() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let trend = try #require(try await runs.report(runs.regressed).trend(of: .creationTime))
        let line = Sparkline.render(trend)
        #expect(line.count == trend.points.count)
        #expect(Array(line).enumerated().filter { $0.element == "·" }.map(\.offset) == [2, 4])
        #expect(line.last == "█")
    }

    @Test func aLongReportStaysShort() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let markdown = MarkdownReport.render(try await runs.report(runs.regressed))
        // GitHub refuses comments above 65,536 characters; this one is far below.
        #expect(markdown.count < 10_000)
    }
}
