import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// A failed verdict cannot be turned into a pass without a new baseline being named, through the
/// built binary over stored runs (no engine needed); the cases with a real engine are in
/// `SilentPassEngineTests`.
@Suite struct StandingVerdictEndToEndTests {
    /// `gate RUN --baseline OTHER` of another testbed is a one-off: a later plain gate and the fleet
    /// report keep to the run's own testbed's baseline, and a regressing host stays alerting.
    @Test func aCrossTestbedComparisonIsAOneOffThatPlainGatesAndTheFleetDoNotInherit() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40, testbed: "host-a")
            try await $0.run(creation: 0.601, testbed: "host-b")
            try await $0.run(creation: 0.60, testbed: "host-a")
        }
        let first = try await cli.run(["gate", "3"])
        #expect(first.exitCode == 1, "\(first.stdout)\(first.stderr)")
        let oneOff = try await cli.run(["gate", "3", "--baseline", "2"])
        #expect(oneOff.exitCode == 0, "\(oneOff.stdout)\(oneOff.stderr)")
        #expect(
            oneOff.stdout.contains("One-off decision stored with run 3 (a comparison with a run of the testbed host-b"))
        #expect(oneOff.stdout.contains("its verdict stays the decision of "))
        #expect(oneOff.stdout.contains("(failed, 1 alert, against run 1 (the latest clean run))."))

        let again = try await cli.run(["gate", "3"])
        #expect(again.exitCode == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("Gate FAILED: run 3 vs run 1"))
        _ = try await cli.run(["gate", "3", "--baseline", "2"])

        let shown = try await cli.run(["runs", "show", "3"])
        #expect(shown.stdout.contains("one-off decision 2,"), "\(shown.stdout)")
        let verdictLines = shown.stdout.split(separator: "\n").filter { $0.hasSuffix("(the run's verdict)") }
        #expect(verdictLines.count == 1)
        #expect(verdictLines.first?.hasPrefix("  decision 3, ") == true, "\(shown.stdout)")
        #expect(verdictLines.first?.contains("FAILED, 1 alert, against run 1") == true)
        let reports = cli.directory.file("Reports")
        #expect(try await cli.run(["report", "--fleet", "--out", reports, "--format", "json"]).exitCode == 0)
        let fleet = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: reports + "/fleet.json")))
        let testbeds = try #require((fleet as? [String: Any])?["testbeds"] as? [[String: Any]])
        let hostA = try #require(testbeds.first { $0["testbed"] as? String == "host-a" })
        #expect((hostA["verdict"] as? [String: Any])?["kind"] as? String == "alert")
        let store = try await cli.store()
        #expect(try await store.decisions(run: 3).map(\.standing) == [true, false, true, false])
        #expect(try await store.alerts(run: 3).count == 1)
        await store.close()
    }

    /// `gate` with no run judges the latest completed run, and names the newer ones that did not complete.
    @Test func theLatestRunIsTheLatestCompletedOneAndNewerFailuresAreSaid() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.401)
            try await $0.run(creation: 0.60, leftovers: 3, status: .aborted)
        }
        let gate = try await cli.run(["gate"])
        #expect(gate.exitCode == 0, "\(gate.stdout)\(gate.stderr)")
        // The first line names the run taken, and its testbed: this host's.
        #expect(
            gate.stdout.hasPrefix(
                "Run 2: the latest completed run of the testbed \(Testbed.defaultName).\n"
                    + "Note: Run 3 (aborted: no valid samples from: creation) is newer but did not complete; this is run 2, "
                    + "the latest completed run.\n"), "\(gate.stdout)")
        #expect(gate.stdout.contains("Gate passed: run 2 vs run 1 (the latest clean run), no alert."))
        let diff = try await cli.run(["diff"])
        #expect(
            diff.stdout.hasPrefix(
                "Run 2: the latest completed run of the testbed \(Testbed.defaultName).\nNote: Run 3 (aborted"))
        let json = try await cli.run(["diff", "--format", "json"])
        #expect(json.stderr.contains("warning: Run 3 (aborted"))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
        let report = try await cli.run(["report", "--out", cli.directory.file("Reports"), "--format", "markdown"])
        #expect(report.stdout.contains("run-2.md"))
        #expect(report.stdout.contains("Note: Run 3 (aborted"))
        // The aborted run is judged when named: its containers left behind alert.
        #expect(try await cli.run(["gate", "3"]).exitCode == 1)
    }

    /// A run is never judged against itself: by id, by the baseline that is its own run, by an
    /// export of itself.
    @Test func aGateOfARunAgainstItselfIsRefused() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
        }
        let byID = try await cli.run(["gate", "2", "--baseline", "2"])
        #expect(byID.exitCode == 2, "\(byID.stdout)\(byID.stderr)")
        #expect(byID.stderr.contains("is run 2 itself (the same UUID)"))
        #expect(byID.stderr.hasSuffix("by construction. Name another baseline with --baseline or --baseline-file.\n"))
        #expect(byID.stderr.split(separator: "\n").count == 1)
        let export = cli.directory.file("run-2.json")
        #expect(try await cli.run(["baseline", "export", "2", "-o", export]).exitCode == 0)
        let byFile = try await cli.run(["gate", "2", "--baseline-file", export])
        #expect(byFile.exitCode == 2, "\(byFile.stdout)\(byFile.stderr)")
        #expect(try await cli.run(["baseline", "set", "default", "2"]).exitCode == 0)
        #expect(try await cli.run(["gate", "2"]).exitCode == 2)
        // A view says it loudly instead.
        let diff = try await cli.run(["diff", "2", "2"])
        #expect(diff.stdout.contains("Run 2 is compared with itself (the same UUID)"), "\(diff.stdout)")
        let store = try await cli.store()
        #expect(try await store.decisions(run: 2).isEmpty)
        await store.close()
    }

    /// A baseline file whose run shares its UUID with a stored run of other samples: the file's
    /// content is compared, at the first gate and at every later one.
    @Test func aBaselineFileIsComparedByItsContentNotByAStoredRunWithItsUUID() async throws {
        let nightly = try CommandLine()
        let runner = try CommandLine()
        defer { nightly.remove() }
        defer { runner.remove() }
        try await VerdictFixtures.write(nightly) { try await $0.run(creation: 0.40) }
        let bundle = nightly.directory.file("nightly.json")
        #expect(try await nightly.run(["baseline", "export", "latest", "-o", bundle]).exitCode == 0)
        let uuid = try BaselineFile.read(path: bundle).run.run.uuid

        // The runner holds a slow run under the file's UUID, and a slow candidate.
        let runnerStore = try await SQLiteResultsStore.open(path: runner.database)
        for (index, value) in [0.601, 0.60].enumerated() {
            let id = try await runnerStore.beginRun(
                NewRun(
                    suite: "quick, specs: creation, parallel", configurationJSON: VerdictFixtures.plan,
                    uuid: index == 0 ? uuid : UUID()))
            let samples = (0..<8).map {
                Sample(metric: .creationTime, iteration: $0, value: value + Double($0) * 0.001)
            }
            try await runnerStore.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
            try await runnerStore.recordSpec(
                SpecResult(spec: "parallel", samples: [Sample(metric: .parallelEfficiency, iteration: 0, value: 0.6)]),
                for: id)
            try await runnerStore.recordSpec(
                SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]), for: id
            )
            try await runnerStore.finishRun(id, status: .completed)
        }
        await runnerStore.close()
        let gate = try await runner.run(["gate", "2", "--baseline-file", bundle])
        #expect(gate.exitCode == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.contains("Gate FAILED: run 2 vs file nightly.json"))
        let again = try await runner.run(["gate", "2"])
        #expect(again.exitCode == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("Gate FAILED: run 2 vs file nightly.json"))
        #expect(again.stdout.contains("It replaces the decision of "))
        #expect(again.stdout.contains(": failed, 1 alert, against file nightly.json"))
        let shown = try await runner.run(["runs", "show", "2"])
        #expect(shown.stdout.contains("(against file nightly.json (run 1 of "), "\(shown.stdout)")
    }
}
