import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import Testing

/// A gated run's verdict is the decision stored with it, checked with the built binary: a run gated with
/// `--max-creation-slowdown 10%` and then reported with default flags shows the stored verdict
/// and the limits it was made with; other flags show a re-evaluation beside it.
@Suite struct StoredDecisionEndToEndTests {
    /// Two completed runs written through the store (no engine needed): creation takes about
    /// 0.300 s, then about 0.345 s (+15 %), with ten samples each.
    static func storeTwoRuns(_ cli: CommandLine) async throws -> (baseline: Int64, candidate: Int64) {
        let store = try await SQLiteResultsStore.open(path: cli.database)
        var ids: [Int64] = []
        for (night, level) in [0.300, 0.345].enumerated() {
            let startedAt = Date(timeIntervalSince1970: 1_767_232_800 + Double(night) * 86_400)
            let id = try await store.beginRun(NewRun(suite: "quick", label: "night \(night)", startedAt: startedAt))
            var spec = SpecResult(spec: "creation", wallSeconds: 5)
            for iteration in 0..<10 {
                spec.samples.append(
                    Sample(metric: .creationTime, iteration: iteration, value: level + Double(iteration % 5) * 0.001))
            }
            try await store.recordSpec(spec, for: id, recordedAt: startedAt + 5)
            try await store.finishRun(id, status: .completed, reason: nil, endedAt: startedAt + 10)
            ids.append(id)
        }
        await store.close()
        return (ids[0], ids[1])
    }

    @Test func aReportOfAGatedRunShowsTheStoredVerdictAndItsLimits() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (_, candidate) = try await Self.storeTwoRuns(cli)
        let gate = try await cli.run(["gate", String(candidate), "--max-creation-slowdown", "10%"])
        #expect(gate.exitCode == 1, "\(gate.stderr)")

        let reports = cli.directory.file("Reports")
        let report = try await cli.run(["report", String(candidate), "--out", reports])
        #expect(report.exitCode == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: "\(reports)/run-\(candidate).html", encoding: .utf8)
        #expect(html.contains("raised 1 alert against run 1 (the latest clean run)"))
        #expect(html.contains("made with maxCreationSlowdown 10 %, against run 1"))
        #expect(!html.contains("Re-evaluated"))
        let markdown = try String(contentsOfFile: "\(reports)/run-\(candidate).md", encoding: .utf8)
        #expect(markdown.contains("## sandbox-bench report: run \(candidate) · ✗ 1 alert"))
        #expect(markdown.contains("made with maxCreationSlowdown 10 %"))
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(reports)/run-\(candidate).json")))
        let verdict = try #require((json as? [String: Any])?["verdict"] as? [String: Any])
        #expect(verdict["status"] as? String == "alert")
        let decision = try #require(verdict["decision"] as? [String: Any])
        #expect(decision["limits"] as? [String] == ["maxCreationSlowdown 10 %"])
        #expect(verdict["reevaluation"] == nil)

        // The default limit asked for explicitly differs from the decision's: a re-evaluation beside it.
        let other = try await cli.run(["report", String(candidate), "--out", reports, "--max-creation-slowdown", "20%"])
        #expect(other.exitCode == 0, "\(other.stderr)")
        let reevaluated = try String(contentsOfFile: "\(reports)/run-\(candidate).html", encoding: .utf8)
        #expect(reevaluated.contains("Re-evaluated with maxCreationSlowdown 20 %: no alert."))
        #expect(reevaluated.contains("raised 1 alert against run 1"))
    }
}
