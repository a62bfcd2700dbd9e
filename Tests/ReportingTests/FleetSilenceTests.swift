import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore
import StoreTestSupport
import Testing

@testable import Reporting

/// The fleet report on a stored history: a testbed that ran every night and then stopped is
/// listed under "Stopped reporting" and its gauge says 1; one that still runs every night is not.
@Suite(.temporaryDatabases) struct FleetSilenceTests {
    @Test(arguments: StoreBackend.all) func aTestbedThatStoppedIsSaidInTheReportAndTheGauge(backend: StoreBackend)
        async throws
    {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let store = try await temporary.open()
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        for (testbed, lastNight) in [("gone", -5), ("steady", 0)] {
            for night in (lastNight - 6)...lastNight {
                let id = try await store.beginRun(
                    NewRun(
                        suite: "quick", startedAt: now.addingTimeInterval(Double(night * 86_400 - 3600)),
                        testbed: testbed))
                try await store.recordSpec(
                    SpecResult(spec: "creation", samples: [Sample(metric: .creationTime, iteration: 0, value: 0.4)]),
                    for: id)
                try await store.finishRun(id, status: .completed)
            }
        }
        let report = try await store.read {
            try FleetReport.read($0, store: store.displayName, historyLength: 30, generatedAt: now)
        }
        await store.close()
        let gone = try #require(report.testbeds.first { $0.testbed == "gone" }?.silence)
        let steady = try #require(report.testbeds.first { $0.testbed == "steady" }?.silence)
        #expect(gone.overdue && gone.usualIntervalSeconds == 86_400)
        #expect(!steady.overdue && steady.silentSeconds == 3600)

        let markdown = FleetMarkdown.render(report)
        #expect(markdown.contains("#### Stopped reporting\n\n- **gone**: no run for 5.0 days (usually every 1.0 days)"))
        #expect(!markdown.contains("- **steady**: no run"))
        #expect(FleetHTML.render(report).contains("<li>gone: no run for 5.0 days (usually every 1.0 days)</li>"))
        let gauges = FleetPrometheus.render(report)
        #expect(gauges.contains("sandbox_bench_testbed_overdue{testbed=\"gone\"} 1\n"))
        #expect(gauges.contains("sandbox_bench_testbed_overdue{testbed=\"steady\"} 0\n"))
        #expect(gauges.contains("sandbox_bench_testbed_usual_interval_seconds{testbed=\"gone\"} 86400\n"))
    }
}
