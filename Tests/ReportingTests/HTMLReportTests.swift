import BenchModel
import Foundation
import Regression
import ResultsStore
import StoreTestSupport
import Testing

@testable import Reporting

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct HTMLReportTests {
    /// The page parsed as XML: it must be well-formed for this to succeed at all.
    static func document(_ html: String) throws -> XMLDocument {
        try XMLDocument(data: Data(html.utf8), options: [])
    }

    static func nodes(_ document: XMLDocument, _ path: String) throws -> [XMLNode] {
        try document.nodes(forXPath: path)
    }

    static func attribute(_ node: XMLNode, _ name: String) -> String? {
        (try? node.nodes(forXPath: "@\(name)"))?.first?.stringValue
    }

    @Test func everyReportIsWellFormedXHTML() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        for id in runs.ids {
            let document = try Self.document(HTMLReport.render(try await runs.report(id)))
            #expect(document.rootElement()?.name == "html")
            #expect(
                try Self.nodes(document, "//*[local-name()='svg' and @class='trend']").count
                    == TrendMetric.keyMetrics.count)
            #expect(try Self.nodes(document, "//*[local-name()='svg' and @class='phases']").count == 1)
        }
    }

    @Test func eachTrendChartHasOnePointPerPlottedRunAndAGapPerFailedOrAbortedRun() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let document = try Self.document(HTMLReport.render(report))
        for trend in report.trends {
            let chart = "//*[@id='trend-\(trend.metric.rawValue)']"
            let points = try Self.nodes(document, chart + "//*[local-name()='circle' and @class='point']")
            #expect(points.compactMap { Self.attribute($0, "data-run") } == trend.plotted.map { String($0.runID) })
            let gaps = try Self.nodes(document, chart + "//*[local-name()='g' and @class='gap']")
            let stopped = gaps.filter { Self.attribute($0, "data-status") != "completed" }.compactMap {
                Self.attribute($0, "data-run")
            }
            #expect(stopped == [String(runs.failed), String(runs.aborted)])
            // A metric no run measured gets no grey slots, only the failed and aborted runs.
            let measuredSomewhere = !trend.plotted.isEmpty
            #expect(gaps.count + points.count == (measuredSomewhere ? trend.points.count : 2))
        }
        let creation = "//*[@id='trend-creation.create_start_s']"
        let rings = try Self.nodes(document, creation + "//*[local-name()='circle' and @class='alert-marker']")
        #expect(rings.compactMap { Self.attribute($0, "data-run") } == [String(runs.regressed)])
        let flags = try Self.nodes(document, creation + "//*[local-name()='path' and @class='alert-flag']")
        // The flag stands on the chart of the metric that alerted only: run 4's alert is on cleanup.
        #expect(flags.compactMap { Self.attribute($0, "data-run") } == [String(runs.regressed)])
        let cleanupFlags = try Self.nodes(
            document, "//*[@id='trend-cleanup.failures']//*[local-name()='path' and @class='alert-flag']")
        #expect(cleanupFlags.compactMap { Self.attribute($0, "data-run") } == [String(runs.labelled)])
        let diamonds = try Self.nodes(document, creation + "//*[local-name()='path' and @class='baseline-marker']")
        #expect(diamonds.compactMap { Self.attribute($0, "data-run") } == [String(runs.baseline)])
        let stacks = try Self.nodes(document, "//*[local-name()='g' and @class='stack']")
        #expect(stacks.count == report.phases.runs.filter(\.isPlotted).count)
    }

    /// Each gated run's limit is drawn across its own slot (the steps the limits were); the
    /// accessible name says the latest value, the baseline, the limit and the alert; an axis
    /// that does not start at zero is marked broken; a day with several runs shows their times.
    /// A figure of the host's load is a share of CPU or of time, never below zero: its chart's
    /// axis starts at zero, not at a round step below its lowest run (2 % and 29 % would draw
    /// from −10 %).
    @Test func aHostLoadChartStartsAtZero() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        var last: Int64 = 0
        for (minute, ioWait) in [(0, 2.1), (1, 28.8)] {
            last = try await CreationRuns.store(
                runs.database, creation: 0.3, minute: minute,
                run: [Sample(metric: Metric.run.ioWait.id, iteration: 0, value: ioWait)])
        }
        let document = try Self.document(HTMLReport.render(try await runs.report(last)))
        let ticks = try Self.nodes(
            document,
            "//*[@id='trend-run.host.io_wait_pct']//*[local-name()='g' and @class='y-axis']//*[local-name()='text']"
        ).compactMap(\.stringValue)
        #expect(ticks.count > 2, "\(ticks)")
        #expect(ticks.first == "0", "\(ticks)")
        #expect(!ticks.contains { $0.hasPrefix("-") || $0.hasPrefix("−") }, "\(ticks)")
    }

    @Test func chartsDrawDecidedLimitsAndDescribeThemselves() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let creation = try #require(report.trend(of: Metric.creation.createStart.id))
        let gated = creation.points.filter { $0.decidedLimit != nil }.map(\.runID)
        #expect(gated == [runs.labelled, runs.regressed])
        let document = try Self.document(HTMLReport.render(report))
        let chart = "//*[@id='trend-creation.create_start_s']"
        let steps = try Self.nodes(
            document, chart + "//*[local-name()='g' and @class='decided-limit']/*[local-name()='path']")
        let path = try #require(steps.first.flatMap { Self.attribute($0, "d") })
        // Runs 4 and 6 are not neighbours: two separate steps.
        #expect(path.filter { $0 == "M" }.count == 2)
        let svg = try #require(try Self.nodes(document, chart + "//*[local-name()='svg']").first)
        let label = try #require(Self.attribute(svg, "aria-label"))
        let latest = try #require(creation.plotted.last?.value)
        #expect(label.contains("latest \(creation.unit.format(latest)) in run \(runs.regressed)"))
        #expect(label.contains("baseline ") && label.contains("alert limit "))
        #expect(label.contains("alert about this metric in run \(runs.regressed)"))
        let breaks = try Self.nodes(document, chart + "//*[local-name()='g' and @class='axis-break']")
        let failures = "//*[@id='trend-cleanup.failures']//*[local-name()='g' and @class='axis-break']"
        let failureBreaks = try Self.nodes(document, failures)
        #expect(breaks.count == 1 && failureBreaks.isEmpty)
        // The fixture's runs are a day apart: dates alone; two runs on one day: with their times.
        let dates = try Self.nodes(document, chart + "//*[local-name()='g' and @class='x-axis']/*[local-name()='text']")
        #expect(!dates.contains { ($0.stringValue ?? "").contains(":") })
        let frame = TrendChart.frame(slots: 3)
        let day = Date(timeIntervalSince1970: 1_780_000_000)
        let axis = frame.runAxis(dates: [day, day + 3_600, day + 90_000], runIDs: [1, 2, 3], labels: 3)
        #expect(axis.contains(">\(ReportDate.monthDayTime(day))<") && axis.contains(">#2<"))
    }

    @Test func aScriptInALabelComesOutAsText() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        for id in [runs.labelled, runs.regressed] {
            let html = HTMLReport.render(try await runs.report(id))
            #expect(!html.lowercased().contains("<script"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
            // Parsed back, the label is the user's text, verbatim.
            let text = try Self.document(html).rootElement()?.stringValue ?? ""
            #expect(text.contains(StoredRuns.scriptLabel))
        }
    }

    @Test func containerOutputNotesAndReasonsAreEscaped() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let html = HTMLReport.render(try await runs.report(runs.regressed))
        let document = try Self.document(html)
        let outputs = try Self.nodes(document, "//*[local-name()='pre']").map { $0.stringValue ?? "" }
        #expect(outputs == [StoredRuns.outputWithMarkup])
        let notes = try Self.nodes(document, "//*[local-name()='ul' and @class='notes']/*").map { $0.stringValue ?? "" }
        #expect(notes == ["e2e: A note with <b>markup</b> & an ampersand."])
        #expect(try Self.nodes(document, "//*[local-name()='b']").isEmpty)
        let failed = HTMLReport.render(try await runs.report(runs.failed))
        #expect(failed.contains("The engine &lt;dockerd&gt; stopped answering."))
    }

    @Test func theVerdictComesFirstWithTheAlertInPlainWords() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let document = try Self.document(HTMLReport.render(report))
        let sections = try Self.nodes(document, "//*[local-name()='section']")
        #expect(Self.attribute(try #require(sections.first), "class") == "verdict alert state-alert")
        // Each alert links to its row in the metric table.
        let links = try Self.nodes(
            document, "//*[@id='verdict']//*[local-name()='ul' and @class='alerts']//*[local-name()='a']/@href")
        #expect(links.map { $0.stringValue ?? "" } == ["#metric-creation.create_start_s"])
        let alerts = try Self.nodes(document, "//*[@id='verdict']//*[local-name()='ul' and @class='alerts']/*").map {
            $0.stringValue ?? ""
        }
        #expect(alerts == report.comparison?.alerts.map { $0.message + " row" })
    }

    /// Alerts lead, then the regressions that raised none, then improvements; the rest is folded.
    @Test func theMetricTableHasARowPerComparedMetricAlertsFirst() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let comparison = try #require(report.comparison)
        let document = try Self.document(HTMLReport.render(report))
        let leading = try Self.nodes(
            document, "//*[local-name()='table' and @class='metrics']/*[local-name()='tbody']/*")
        let folded = try Self.nodes(
            document,
            "//*[local-name()='details']//*[local-name()='table' and @class='metrics folded']/*[local-name()='tbody']/*"
        )
        let rows = leading + folded
        #expect(
            Set(rows.compactMap { Self.attribute($0, "data-metric") }) == Set(comparison.metrics.map(\.metric.rawValue))
        )
        #expect(rows.count == comparison.metrics.count)
        #expect(leading.first.flatMap { Self.attribute($0, "data-metric") } == MetricID.creationTime.rawValue)
        let groups = leading.compactMap { Self.attribute($0, "class") }
        let order = ["alert", "expected", "regression", "improvement"]
        #expect(groups.map { order.firstIndex(of: $0) ?? 99 } == groups.map { order.firstIndex(of: $0) ?? 99 }.sorted())
        let foldedVerdicts = Set(folded.compactMap { Self.attribute($0, "class") })
        #expect(foldedVerdicts.isSubset(of: ["unchanged", "noise", "new", "missing"]))
        for row in leading where Self.attribute(row, "class") == "regression" {
            let why = (row.children ?? []).last?.stringValue ?? ""
            #expect(!why.isEmpty, "a regression without an alert says why")
        }
        let creation = try #require(rows.first { Self.attribute($0, "data-metric") == MetricID.creationTime.rawValue })
        #expect(Self.attribute(creation, "class") == "alert")
        let cells = (creation.children ?? []).map { $0.stringValue ?? "" }
        let metric = try #require(comparison.comparison(of: .creationTime))
        #expect(cells.count == 9)
        #expect(cells[8] == "rule creation-slowdown")
        #expect(cells[1] == MetricUnit.seconds.format(try #require(metric.baseline)))
        #expect(cells[2] == MetricUnit.seconds.format(try #require(metric.current)))
        #expect(cells[3] == ValueFormat.change(try #require(metric.change)))
        #expect(cells[7] == "alert", "the row that alerted says so, as the Markdown does")
    }

    @Test func thePageFetchesNothing() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let html = HTMLReport.render(try await runs.report(runs.regressed))
        let withoutNamespaces = html.replacingOccurrences(of: "http://www.w3.org/1999/xhtml", with: "")
            .replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        for reference in ["http:", "https:", "src=", "url(", "@import", "<link", "<img", "<iframe"] {
            #expect(!withoutNamespaces.contains(reference), "the page contains \(reference)")
        }
        // Links stay on the page or go to a run's page beside it.
        let links = try NSRegularExpression(pattern: #"href="([^"]*)""#)
        let targets = links.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
        #expect(!targets.isEmpty)
        let runPage = try NSRegularExpression(pattern: #"^run-[0-9]+\.html$"#)
        let offPage = targets.filter { target in
            !target.hasPrefix("#")
                && runPage.firstMatch(in: target, range: NSRange(target.startIndex..., in: target)) == nil
        }
        #expect(offPage.isEmpty)
    }
}
