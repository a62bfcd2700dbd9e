import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore
import StoreTestSupport
import Testing

@testable import Reporting

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The fleet view: which host is slow, and since when, read from either backend.
@Suite(.temporaryDatabases) struct FleetReportTests {
    /// Three testbeds, five nights each. `slow` doubles its creation time from night 3 on and
    /// its gate alerts from then; `steady` passes every gate; `fresh` was never gated.
    static func fleet(_ store: any ResultsStore) async throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for night in 0..<5 {
            for (index, testbed) in ["fresh", "slow", "steady"].enumerated() {
                let creation = testbed == "slow" && night >= 3 ? 0.8 : 0.4
                let id = try await store.beginRun(
                    NewRun(
                        suite: "quick", startedAt: start.addingTimeInterval(Double(night * 86_400 + index * 60)),
                        testbed: testbed))
                try await store.recordSpec(
                    SpecResult(
                        spec: "creation",
                        samples: [
                            Sample(metric: .creationTime, iteration: 0, value: creation),
                            Sample(metric: .parallelEfficiency, iteration: 0, value: 0.4),
                        ]),
                    for: id)
                try await store.finishRun(id, status: .completed)
                guard testbed != "fresh" else { continue }
                let alerts =
                    night >= 3 && testbed == "slow"
                    ? [
                        AlertRecord(
                            baselineRunID: nil, baselineName: nil, rule: "creation-slowdown", metric: .creationTime,
                            baselineValue: 0.4, currentValue: 0.8, change: 1, message: "slower")
                    ]
                    : []
                try await store.recordAlerts(
                    alerts, for: id, at: start.addingTimeInterval(Double(night * 86_400 + 3600)))
            }
        }
    }

    @Test(arguments: StoreBackend.all) func theSlowHostComesFirstWithTheNightItStartedAlerting(backend: StoreBackend)
        async throws
    {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let store = try await temporary.open()
        try await Self.fleet(store)
        let report = try await store.read { try FleetReport.read($0, store: store.displayName, historyLength: 4) }

        #expect(report.testbeds.map(\.testbed) == ["slow", "fresh", "steady"])
        let slow = report.testbeds[0]
        #expect(slow.verdict.kind == .alert)
        #expect(slow.alertingRuns == 2)
        #expect(slow.alertingSince?.startedAt == Date(timeIntervalSince1970: 1_790_000_000 + 3 * 86_400 + 60))
        #expect(slow.trends.first?.points.count == 4)
        #expect(slow.trends.first?.points.map(\.value) == [0.4, 0.4, 0.8, 0.8])
        let creation = try #require(slow.figures.first { $0.metric == .creationTime })
        #expect(creation.fleetRatio == 2)
        #expect(report.testbeds[1].verdict.kind == .notGated)
        #expect(report.testbeds[2].verdict.kind == .passed)
        #expect(report.testbeds[2].alertingSince == nil)
        #expect(report.fleetMedians[MetricID.creationTime.rawValue] == 0.4)

        let html = FleetHTML.render(report)
        let document = try XMLDocument(data: Data(html.utf8), options: [])
        #expect(
            try document.nodes(
                forXPath: "//*[local-name()='table'][@class='fleet']/*[local-name()='tbody']/*[local-name()='tr']"
            ).count == 3)
        #expect(try document.nodes(forXPath: "//*[local-name()='div'][@class='fleet-charts']").count == 3)
        #expect(
            try document.nodes(
                forXPath: "//*[local-name()='div'][@class='fleet-charts']/*[local-name()='div']/*[local-name()='svg']"
            ).count == 3 * FleetReport.keyMetrics.count)
        #expect(!html.contains("<script"))

        let markdown = FleetMarkdown.render(report)
        #expect(markdown.contains("| slow | run "))
        #expect(markdown.contains("ALERT (1 alert)"))
        #expect(markdown.contains("(×2.00 fleet)"))
        let json = try FleetReportWriter.render(report, as: .json)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((decoded?["testbeds"] as? [[String: Any]])?.first?["testbed"] as? String == "slow")
    }

    @Test func anEmptyStoreSaysSo() async throws {
        let report = FleetReport.build([], store: "x", historyLength: 30, generatedAt: Date())
        #expect(FleetMarkdown.render(report).contains("No runs yet."))
        #expect(FleetHTML.render(report).contains("No runs yet."))
    }
}
