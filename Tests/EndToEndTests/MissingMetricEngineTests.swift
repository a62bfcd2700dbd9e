import BenchModel
import Foundation
import FoundationXML
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A missing key metric never passes, with runs a real engine measured: a baseline file without
/// the creation spec against a really slower engine, a run whose samples were lost (deleted with
/// sqlite3, as a trigger or a hand would), and a suite narrowed on purpose, which is named for
/// what it is and whose skips the decision records.
@Suite(.needsDockerEngine, .serialized, .privateEngine)
struct MissingMetricEngineTests {
    var engine: PrivateEngine {
        get throws { try #require(PrivateEngine.current) }
    }

    static func sqlite3(_ database: String, _ sql: String) async throws {
        let path = try #require(
            ["/usr/bin/sqlite3", "/bin/sqlite3"].first { FileManager.default.fileExists(atPath: $0) })
        let outcome = try await ExecutableFile(path: path).run([database, sql])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
    }

    /// `bundle` without the creation spec and its summaries: a file that still reads as a
    /// baseline, whose run planned creation and does not have it.
    static func withoutCreation(_ bundle: String, to path: String) throws {
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle))) as? [String: Any])
        let specs = try #require(document["specs"] as? [[String: Any]])
        document["specs"] = specs.filter { $0["spec"] as? String != "creation" }
        let summaries = try #require(document["summaries"] as? [[String: Any]])
        document["summaries"] = summaries.filter { ($0["metric"] as? String)?.hasPrefix("creation.") == false }
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
    }

    /// The CI case: a fresh database, a really slower engine, and a baseline file whose creation
    /// spec was deleted. The gate cannot pass (exit 2, the baseline cannot serve); against the
    /// whole file it fails (exit 1); and once the file is gone a plain gate still fails.
    @Test func aBaselineFileWithoutTheCreationSpecNeverPassesARealSlowdown() async throws {
        let engine = try engine
        let on = engine.environment
        let nightly = try CommandLine()
        defer { nightly.remove() }
        #expect(try await nightly.run(["run", "--spec", "creation", "--no-report"], environment: on).exitCode == 0)
        let bundle = nightly.directory.file("nightly.json")
        #expect(try await nightly.run(["baseline", "export", "latest", "-o", bundle]).exitCode == 0)
        let stripped = nightly.directory.file("stripped.json")
        try Self.withoutCreation(bundle, to: stripped)

        try await SlowerEngineGateTests.slowDown(engine, beyond: nightly)
        defer { engine.restoreSpeed() }
        let runner = try CommandLine()
        defer { runner.remove() }
        #expect(try await runner.run(["run", "--spec", "creation", "--no-report"], environment: on).exitCode == 0)
        engine.restoreSpeed()
        let junit = runner.directory.file("gate.xml")
        let missing = try await runner.run(["gate", "--baseline-file", stripped, "--junit", junit])
        #expect(missing.exitCode == 2, "\(missing.stdout)\(missing.stderr)")
        #expect(
            missing.stdout.contains(
                "MISSING creation-slowdown: creation time (creation.create_start_s) is missing from the baseline, "
                    + "file stripped.json"
            ))
        #expect(missing.stdout.contains("Missing from the baseline, file stripped.json"))
        #expect(missing.stderr.contains("creation.create_start_s missing from that baseline"))
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
        #expect(try document.nodes(forXPath: "//testcase/error[@type='missing-baseline']").count == 1)
        #expect(try document.nodes(forXPath: "//testsuite/@errors").first?.stringValue == "1")

        let whole = try await runner.run(["gate", "--baseline-file", bundle])
        #expect(whole.exitCode == 1, "\(whole.stdout)\(whole.stderr)")
        #expect(whole.stdout.contains("It replaces the decision of "))
        #expect(whole.stdout.contains(": failed, 1 metric missing, against file stripped.json"))
        try FileManager.default.removeItem(atPath: bundle)
        let again = try await runner.run(["gate"])
        #expect(again.exitCode == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("Gate FAILED: run 1 vs file nightly.json"))
        #expect(!again.stdout.contains("No baseline yet"))

        let store = try await runner.store()
        let decisions = try await store.decisions(run: 1)
        #expect(decisions.map(\.verdict) == [.missing, .alert, .alert])
        #expect(decisions.map(\.missingCount) == [1, 0, 0])
        await store.close()
    }

    /// A run whose samples were lost after it completed, and a suite narrowed on purpose.
    @Test func aRunWhoseSamplesWereLostCannotPassAndANarrowedSuiteSaysWhatItSkipped() async throws {
        let engine = try engine
        let on = engine.environment
        let cli = try CommandLine()
        defer { cli.remove() }
        for _ in 0..<3 {
            #expect(try await cli.run(["run", "--spec", "creation", "--no-report"], environment: on).exitCode == 0)
        }
        // A narrowed suite is listed for what it is, and its gate records what it left out on purpose.
        let list = try await cli.run(["runs", "list"])
        #expect(list.stdout.contains("full, specs: creation"), "\(list.stdout)")
        // A limit no noise reaches: this gate is about what the narrowed suite skipped, and run 2
        // must stay the latest clean run on a loaded machine.
        let first = try await cli.run(["gate", "2", "--baseline", "1", "--max-creation-slowdown", "1000%"])
        #expect(first.exitCode == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("No alert: 2 rule checks passed, 5 skipped."))
        let store = try await cli.store()
        let stored = try #require(try await store.decisions(run: 2).last)
        await store.close()
        let decision = try #require(
            try JSONSerialization.jsonObject(with: Data(stored.document.utf8)) as? [String: Any])
        #expect(decision["suite"] as? String == "full, specs: creation")
        let outcomes = try #require(decision["outcomes"] as? [[String: Any]])
        let parallel = try #require(outcomes.first { $0["metric"] as? String == "parallel.efficiency" })
        #expect(parallel["status"] as? String == "skipped")
        #expect(
            parallel["message"] as? String
                == "parallel efficiency (parallel.efficiency) was not checked: not in this run's suite: "
                + "--spec creation."
        )

        try await Self.sqlite3(
            cli.database, "DELETE FROM samples WHERE spec_result_id IN (SELECT id FROM spec_results WHERE run_id = 3)")
        let markdown = cli.directory.file("gate.md")
        let lost = try await cli.run(["gate", "--markdown", markdown])
        #expect(lost.exitCode == 4, "\(lost.stdout)\(lost.stderr)")
        #expect(lost.stdout.contains("Missing from run 3: creation.create_start_s, run.leftover_containers;"))
        #expect(
            lost.stderr.contains("Run 3 cannot pass the gate: creation.create_start_s, run.leftover_containers missing")
        )
        #expect(
            try String(contentsOfFile: markdown, encoding: .utf8).hasPrefix(
                "### ❌ sandbox-bench gate failed: 2 rules not checked, a metric missing"))

        let shown = try await cli.run(["runs", "show", "3"])
        #expect(
            shown.stdout.contains("FAILED, 2 metrics missing, against run 2 (the latest clean run)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("MISSING creation time (creation.create_start_s) is missing from run 3"))
        let diff = try await cli.run(["diff"])
        #expect(diff.stdout.contains("  MISSING creation-slowdown:"), "\(diff.stdout)")
        let reports = cli.directory.file("Reports")
        #expect(try await cli.run(["report", "3", "--out", reports, "--format", "json"]).exitCode == 0)
        let report = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: reports + "/run-3.json")))
        let verdict = try #require((report as? [String: Any])?["verdict"] as? [String: Any])
        #expect(verdict["status"] as? String == "missing")
        #expect((verdict["missing"] as? [String])?.count == 2)
        // The run that lost its samples is no reference for the next one.
        #expect(try await cli.run(["run", "--spec", "creation", "--no-report"], environment: on).exitCode == 0)
        let next = try await cli.run(["gate"])
        #expect(next.stdout.contains("vs run 2 (the latest clean run)"), "\(next.stdout)")
    }
}
