import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport
import Testing

/// A failed decision deleted with the `sqlite3` shell does not bring the passing one before it back
/// as the run's verdict: the run's decisions are a chain its head seals (`DecisionChain`), so
/// `runs show`, `gate` and the fleet report refuse the run as damage (exit 3) in one line naming it
/// and saying what to do — for the latest decision deleted, one in the middle, and all of them.
@Suite struct DeletedDecisionEndToEndTests {
    /// Three runs (creation about 0.300 s, 0.340 s, 0.345 s) and two decisions of the last: a pass
    /// against the run of about its level, then a failure against the faster one.
    static func gatedTwice(_ cli: CommandLine) async throws -> Int64 {
        let store = try await SQLiteResultsStore.open(path: cli.database)
        var ids: [Int64] = []
        for (night, level) in [0.300, 0.340, 0.345].enumerated() {
            let startedAt = Date(timeIntervalSince1970: 1_767_232_800 + Double(night) * 86_400)
            let id = try await store.beginRun(
                NewRun(
                    suite: "quick, specs: creation", label: "night \(night)",
                    configurationJSON: PlannedConfiguration.json(suite: "quick", specs: ["creation"]),
                    startedAt: startedAt))
            var spec = SpecResult(spec: "creation", wallSeconds: 5)
            for iteration in 0..<10 {
                spec.samples.append(
                    Sample(metric: .creationTime, iteration: iteration, value: level + Double(iteration % 5) * 0.001))
            }
            try await store.recordSpec(spec, for: id, recordedAt: startedAt + 5)
            try await store.recordSpec(
                SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]),
                for: id, recordedAt: startedAt + 6)
            try await store.finishRun(id, status: .completed, reason: nil, endedAt: startedAt + 10)
            ids.append(id)
        }
        await store.close()
        let candidate = String(ids[2])
        let passed = try await cli.run([
            "gate", candidate, "--baseline", String(ids[1]), "--max-creation-slowdown", "10%",
        ])
        #expect(passed.exitCode == 0, "\(passed.stderr)")
        let failed = try await cli.run([
            "gate", candidate, "--baseline", String(ids[0]), "--max-creation-slowdown", "10%",
        ])
        #expect(failed.exitCode == 1, "\(failed.stderr)")
        return ids[2]
    }

    static func expectRefused(_ cli: CommandLine, run: Int64, _ arguments: [String]) async throws {
        let outcome = try await cli.run(arguments)
        #expect(
            outcome.exitCode == FailureKind.environment.exitCode, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(outcome.stderr)")
        #expect(outcome.stderr.contains("run \(run)"), "\(arguments): \(outcome.stderr)")
        #expect(outcome.stderr.contains("restore it from a backup"), "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stdout.contains("passed"), "\(arguments): \(outcome.stdout)")
    }

    @Test(arguments: [
        "DELETE FROM decisions WHERE id = (SELECT max(id) FROM decisions)",
        "DELETE FROM decisions WHERE id = (SELECT min(id) FROM decisions)",
        "DELETE FROM decisions",
    ])
    func aDeletedDecisionIsRefusedAsDamage(deletion: String) async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let run = try await Self.gatedTwice(cli)
        try await MissingMetricEngineTests.sqlite3(cli.database, deletion)
        try await Self.expectRefused(cli, run: run, ["runs", "show", String(run)])
        try await Self.expectRefused(cli, run: run, ["gate", String(run), "--max-creation-slowdown", "10%"])
        try await Self.expectRefused(cli, run: run, ["report", "--fleet", "--out", cli.directory.file("Reports")])
    }

    /// The decisions as sandbox-bench stored them read back, and the failure stands.
    @Test func theChainAsStoredReadsBack() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let run = try await Self.gatedTwice(cli)
        let shown = try await cli.run(["runs", "show", String(run)])
        #expect(shown.exitCode == 0, "\(shown.stderr)")
        let regate = try await cli.run(["gate", String(run), "--max-creation-slowdown", "10%"])
        #expect(regate.exitCode == 1, "\(regate.stderr)")
    }
}
