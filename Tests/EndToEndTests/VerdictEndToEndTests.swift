import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// Stored decisions, baseline files and failed runs, through the built binary over stored runs
/// (no engine needed).
@Suite struct VerdictEndToEndTests {
    @Test func anExportImportRoundTripGivesAByteIdenticalDiff() async throws {
        let source = try CommandLine()
        let fresh = try CommandLine()
        defer {
            source.remove()
            fresh.remove()
        }
        try await VerdictFixtures.write(source) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.52, runc: "1.1.12")
        }
        #expect(try await source.run(["baseline", "set", "nightly", "1"]).exitCode == 0)
        let bundle = source.directory.file("nightly.json")
        let candidate = source.directory.file("candidate.json")
        let exported = try await source.run(["baseline", "export", "nightly", "-o", bundle])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        #expect(try await source.run(["baseline", "export", "2", "-o", candidate]).exitCode == 0)
        // A file the user names gets the user's umask, as any new file does, in a folder made for it.
        let kept = source.directory.file("private/nightly.json")
        let underUmask = try await ExecutableFile(path: "/bin/sh").run(
            ["-c", #"umask 077; exec "$0" baseline export nightly -o "$1""#, source.binary.path, kept],
            environment: source.environment)
        #expect(underUmask.exitCode == 0, "\(underUmask.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: kept)[.posixPermissions] as? Int == 0o600)
        // Without -o the file is printed, the same file but for the time of the export.
        let printed = try await source.run(["baseline", "export", "nightly"]).stdout
        #expect(
            Self.withoutExportTime(printed)
                == Self.withoutExportTime(try String(contentsOfFile: bundle, encoding: .utf8)))

        let imported = try await fresh.run(["baseline", "import", bundle, "--name", "nightly"])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("as run 1"))
        let again = try await fresh.run(["baseline", "import", bundle])
        #expect(again.exitCode == 0)
        #expect(again.stdout.contains("is already stored as run 1 ("))
        #expect(again.stdout.contains("nothing was written"))
        #expect(try await fresh.run(["baseline", "import", candidate]).exitCode == 0)

        for arguments in [
            ["diff", "nightly", "2", "--format", "json"], ["diff", "--baseline-file", bundle, "2", "--format", "json"],
        ] {
            let before = try await source.run(arguments)
            let after = try await fresh.run(arguments)
            #expect(before.exitCode == 0 && after.exitCode == 0, "\(before.stderr)\(after.stderr)")
            #expect(before.stdout == after.stdout)
            #expect(before.stdout.contains("\"runc version\""))
        }
        // The file compares as the stored baseline does: the same figures, only its name differs.
        let named = try await source.run(["diff", "nightly", "2", "--format", "json"]).stdout
        let file = try await source.run(["diff", "--baseline-file", bundle, "2", "--format", "json"]).stdout
        #expect(try Self.metrics(named) == Self.metrics(file))
    }

    static func withoutExportTime(_ json: String) -> [Substring] {
        json.split(separator: "\n").filter { !$0.contains("\"exportedAt\"") }
    }

    static func metrics(_ json: String) throws -> NSArray {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
        return try #require(object?["metrics"] as? NSArray)
    }

    @Test func aGateAgainstABaselineFileFailsOnASlowdownAndPassesUnchanged() async throws {
        let nightly = try CommandLine()
        let runner = try CommandLine()
        defer {
            nightly.remove()
            runner.remove()
        }
        try await VerdictFixtures.write(nightly) {
            try await $0.run(creation: 0.40)
        }
        let bundle = nightly.directory.file("nightly.json")
        #expect(try await nightly.run(["baseline", "export", "latest", "-o", bundle]).exitCode == 0)

        // The CI runner's database holds only its own runs.
        try await VerdictFixtures.write(runner) {
            try await $0.run(creation: 0.50)
            try await $0.run(creation: 0.401)
        }
        let junit = runner.directory.file("gate.xml")
        let slower = try await runner.run(["gate", "1", "--baseline-file", bundle, "--junit", junit])
        #expect(slower.exitCode == 1, "\(slower.stdout)\(slower.stderr)")
        #expect(
            slower.stdout.contains(
                "Gate FAILED: run 1 vs file nightly.json (run 1 of \(Testbed.defaultName)), 1 alert."))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<failure"))
        let unchanged = try await runner.run(["gate", "2", "--baseline-file", bundle])
        #expect(unchanged.exitCode == 0, "\(unchanged.stdout)\(unchanged.stderr)")

        let store = try await runner.store()
        let decision = try #require(try await store.decisions(run: 1).last)
        let fileRun = try BaselineFile.read(path: bundle).run.run
        #expect(decision.baseline.kind == "file")
        #expect(decision.baseline.runs == [.init(id: nil, uuid: fileRun.uuid)])
        #expect(try await store.runs().count == 2)
        await store.close()
        // The file's baseline is not in this database: diff shows the stored outcomes and says so.
        let diff = try await runner.run(["diff", "--baseline-file", bundle, "1"])
        #expect(diff.stdout.contains("Stored verdict of run 1"))
        #expect(!diff.stdout.contains("Re-evaluated"))
        let shown = try await runner.run(["runs", "show", "1"])
        #expect(shown.stdout.contains("against file nightly.json (run 1 of"))
        // Without the file, the verdict's baseline is the content its decision kept: its figures are shown.
        try FileManager.default.removeItem(atPath: bundle)
        let kept = try await runner.run(["diff"])
        #expect(kept.exitCode == 0)
        #expect(!kept.stdout.contains("Its baseline is not in this database"), "\(kept.stdout)")
        #expect(kept.stdout.contains("creation.create_start_s   0.398 s"), "\(kept.stdout)")
        // And a plain gate compares with it again: the failed verdict stays failed.
        let again = try await runner.run(["gate", "1"])
        #expect(again.exitCode == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("It replaces the decision of "), "\(again.stdout)")
    }

    @Test func aNewerOrMalformedBaselineFileIsRefusedInOneLineAndNothingIsStored() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
        }
        let bundle = cli.directory.file("nightly.json")
        #expect(try await cli.run(["baseline", "export", "1", "-o", bundle]).exitCode == 0)
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        let newer = cli.directory.file("newer.json")
        try text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 7").write(
            toFile: newer, atomically: true, encoding: .utf8)
        let truncated = cli.directory.file("truncated.json")
        try String(text.prefix(text.count / 2)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let fresh = try CommandLine()
        defer { fresh.remove() }
        // What happened, then what to do about it (the command line's advice).
        for (file, words) in [
            (newer, "reads. Use a newer sandbox-bench, or export the baseline with this one."),
            (truncated, "is not a JSON object. Write one with `sandbox-bench baseline export`."),
        ] {
            for arguments in [
                ["baseline", "import", file], ["diff", "--baseline-file", file], ["gate", "--baseline-file", file],
            ] {
                let outcome = try await (arguments[0] == "baseline" ? fresh : cli).run(arguments)
                #expect(outcome.exitCode == 2, "\(arguments) \(outcome.stderr)")
                #expect(outcome.errorLines.count == 1)
                #expect(outcome.stderr.contains(words), "\(outcome.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fresh.database))
        #expect(try await cli.store().decisions(run: 1).isEmpty)
    }

    @Test func runsShowAndDiffShowTheStoredVerdictAndOtherRulesAreAReEvaluation() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.46)
        }
        #expect(try await cli.run(["baseline", "set", "default", "1"]).exitCode == 0)
        let gated = try await cli.run(["gate", "2", "--max-creation-slowdown", "10%"])
        #expect(gated.exitCode == 1, "\(gated.stdout)\(gated.stderr)")
        #expect(gated.stdout.contains("Decision stored with run 2, made with maxCreationSlowdown 10 %."))

        // Later, with default flags: the stored verdict, and with which limits it was made.
        let shown = try await cli.run(["runs", "show", "2"])
        #expect(
            shown.stdout.contains(
                "FAILED, 1 alert, against baseline \"default\" (run 1), made with maxCreationSlowdown 10 %  (the run's verdict)"
            ))
        // RUN 2 is the latest run; BASE is the verdict's own baseline, so this is the stored verdict too.
        for arguments in [["diff"], ["diff", "default", "2"]] {
            let diff = try await cli.run(arguments)
            #expect(diff.exitCode == 0)
            #expect(diff.stdout.contains("Stored verdict of run 2: decision 1,"), "\(arguments)")
            #expect(!diff.stdout.contains("Re-evaluated"))
        }
        let diff = try await cli.run(["diff"])
        #expect(diff.stdout.contains("beyond the 10 % limit"))

        let other = try await cli.run(["diff", "--max-creation-slowdown", "30%"])
        #expect(other.stdout.contains("Re-evaluated with maxCreationSlowdown 30 % (not stored"))
        #expect(other.stdout.contains("stored ALERT creation time"))
        #expect(other.stdout.contains("No alert: 3 rule checks passed"))
        // JSON, for scripts, says which of the two it holds.
        let storedJSON = try await cli.run(["diff", "--format", "json"]).stdout
        #expect(storedJSON.contains(#""shows" : "stored decision""#), "\(storedJSON)")
        let otherJSON = try await cli.run(["diff", "--format", "json", "--max-creation-slowdown", "30%"]).stdout
        #expect(otherJSON.contains(#""shows" : "re-evaluation""#))
        #expect(otherJSON.contains("maxCreationSlowdown 30 %"))

        // A second gate adds a decision; the latest is the verdict.
        #expect(try await cli.run(["gate", "2"]).exitCode == 0)
        let twice = try await cli.run(["runs", "show", "2"])
        #expect(twice.stdout.contains("decision 1,"))
        #expect(
            twice.stdout.contains(
                "passed, against baseline \"default\" (run 1), made with the default rules  (the run's verdict)"))
        #expect(try await cli.run(["diff"]).stdout.contains("(the latest of 2 decisions;"))
    }

    @Test func aFailedRunWithContainersLeftBehindAlertsAndOneWithoutExitsFour() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.40, leftovers: 20, status: .failed)
            try await $0.run(creation: 0.40, status: .failed)
        }
        // Folders that do not exist yet are made, as --out makes its folder.
        let markdown = cli.directory.file("ci/summary/gate.md")
        let junit = cli.directory.file("ci/junit/gate.xml")
        let metrics = cli.directory.file("textfile/bench.prom")
        let alert = try await cli.run([
            "gate", "2", "--junit", junit, "--markdown", markdown, "--metrics-file", metrics,
        ])
        #expect(alert.exitCode == 1, "\(alert.stdout)\(alert.stderr)")
        #expect(alert.stdout.contains("Run 2 failed (no valid samples from: creation): compared with no baseline"))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("sandbox-bench.cleanup-failures"))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("**cleanup-failures**"))
        #expect(try String(contentsOfFile: metrics, encoding: .utf8).contains("sandbox_bench_alerts 1"))
        #expect(try await cli.store().alerts(run: 2).map(\.metric) == [.leftoverContainers])

        let clean = try await cli.run(["gate", "3"])
        #expect(clean.exitCode == 4, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.errorLines.count == 1)
        #expect(clean.stderr.contains("a run that did not complete cannot pass the gate"))
        let diff = try await cli.run(["diff", "latest", "2"])
        #expect(diff.exitCode == 0)
        #expect(diff.stdout.contains("Run 2 failed (no valid samples from: creation): it is compared with no baseline"))
    }

    @Test func gateFilesAreCheckedFirstAndAFailedWriteNeverHidesAnAlert() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
        }
        // Below a regular file, no folder can be made for it.
        let file = cli.directory.file("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let unwritable = try await cli.run(["gate", "--junit", "\(file)/reports/gate.xml"])
        #expect(unwritable.exitCode == 3)
        #expect(
            unwritable.stderr.contains("--junit: \(file)/reports/gate.xml cannot be written (\(file) is not a folder)"))
        #expect(unwritable.stderr.split(separator: "\n").count == 1)
        // A path ending in / names a folder, not a file: refused before the gate, not after it.
        let folderLike = try await cli.run(["gate", "--markdown", cli.directory.file("summaries") + "/"])
        #expect(folderLike.exitCode == 3)
        #expect(folderLike.stderr.contains("it ends in /, which names a folder; give a file path"))
        let summary = try await cli.run(["gate"], environment: ["GITHUB_STEP_SUMMARY": cli.directory.path])
        #expect(summary.exitCode == 3)
        #expect(try await cli.store().decisions(run: 2).isEmpty)

        // A metrics file that cannot be written is refused before the gate decides, too.
        let metrics = try await cli.run(["gate", "--metrics-file", cli.directory.path])
        #expect(metrics.exitCode == 3, "\(metrics.stdout)\(metrics.stderr)")
        #expect(try await cli.store().decisions(run: 2).isEmpty)
    }

    @Test func anOutputThatNamesTheDatabaseAnInputOrAnotherOutputIsRefusedAndNothingIsWritten() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.60)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        try FileManager.default.createSymbolicLink(
            atPath: cli.directory.file("link.sqlite"), withDestinationPath: cli.database)
        let config = cli.directory.file("rules.json")
        try Data(#"{"maxCreationSlowdown": 0.3}"#.utf8).write(to: URL(fileURLWithPath: config))
        // Second names (hard links) of files the command reads: appending to one writes into the other.
        let exported = try await cli.run(["baseline", "export", "1", "-o", cli.directory.file("nightly.json")])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        let baselineFile = cli.directory.file("nightly.json")
        let baselineBefore = try Data(contentsOf: URL(fileURLWithPath: baselineFile))
        try FileManager.default.linkItem(atPath: baselineFile, toPath: cli.directory.file("summary.md"))
        try FileManager.default.linkItem(atPath: config, toPath: cli.directory.file("summary2.md"))
        try FileManager.default.linkItem(atPath: cli.database, toPath: cli.directory.file("summary3.md"))
        let refusals: [(arguments: [String], environment: [String: String], says: String)] = [
            (
                ["gate", "--baseline-file", baselineFile], ["GITHUB_STEP_SUMMARY": cli.directory.file("summary.md")],
                "is the --baseline-file it compares with"
            ),
            (
                ["gate", "--config", config], ["GITHUB_STEP_SUMMARY": cli.directory.file("summary2.md")],
                "is the --config file it reads"
            ),
            (["gate"], ["GITHUB_STEP_SUMMARY": cli.directory.file("summary3.md")], "is the results database"),
            (["gate", "--junit", "summary3.md"], [:], "--junit summary3.md is the results database"),
            (["gate", "--junit", "results.sqlite"], [:], "--junit results.sqlite is the results database"),
            (["gate", "--markdown", "./sub/../results.sqlite-wal"], [:], "a file of the results database"),
            (["gate", "--metrics-file", "link.sqlite"], [:], "--metrics-file link.sqlite is the results database"),
            (["gate"], ["GITHUB_STEP_SUMMARY": cli.database], "GITHUB_STEP_SUMMARY"),
            (["gate", "--junit", "a.xml", "--markdown", "./a.xml"], [:], "--junit and --markdown both name ./a.xml"),
            (["gate", "--config", config, "--junit", "rules.json"], [:], "the --config file it reads"),
            (["baseline", "export", "1", "-o", cli.database], [:], "--output"),
            (
                ["copy", "--from", "results.sqlite", "--to", "./link.sqlite"], [:],
                "--from and --to name the same database"
            ),
        ]
        for refusal in refusals {
            let outcome = try await cli.run(refusal.arguments, environment: refusal.environment)
            #expect(outcome.exitCode == 2, "\(refusal.arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(refusal.arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(refusal.says), "\(refusal.arguments): \(outcome.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: baselineFile)) == baselineBefore)
        #expect(try String(contentsOfFile: config, encoding: .utf8) == #"{"maxCreationSlowdown": 0.3}"#)
        #expect(try await cli.store().decisions(run: 2).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("a.xml")))

        // A link into /proc (as /dev/stdout is) is never replaced by the file: refused, and left a link.
        let descriptor = cli.directory.file("my-stdout")
        try FileManager.default.createSymbolicLink(atPath: descriptor, withDestinationPath: "/proc/self/fd/1")
        for arguments in [
            ["gate", "--junit", descriptor], ["baseline", "export", "1", "-o", descriptor],
            ["gate", "--markdown", "/dev/fd/1"],
        ] {
            let refused = try await cli.run(arguments)
            #expect(refused.exitCode == 3, "\(arguments): \(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("a device or a process's descriptor in /dev or /proc"), "\(refused.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: descriptor) == "/proc/self/fd/1")

        // A database named like a report file in the report folder would be overwritten by the report.
        let renamed = cli.directory.file("latest.json")
        try FileManager.default.copyItem(atPath: cli.database, toPath: renamed)
        let report = try await cli.run(["report", "--db", renamed, "--out", cli.directory.path])
        #expect(report.exitCode == 2, "\(report.stdout)\(report.stderr)")
        #expect(report.stderr.contains("--out \(cli.directory.path) would write over the results database"))

        // `--markdown "$GITHUB_STEP_SUMMARY"` appends the summary once and keeps the earlier steps' lines.
        let summary = cli.directory.file("step-summary.md")
        try Data("earlier step\n".utf8).write(to: URL(fileURLWithPath: summary))
        let gate = try await cli.run(
            ["gate", "--markdown", summary],
            environment: [
                "GITHUB_STEP_SUMMARY": summary, "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_REPOSITORY": "acme/sandbox", "GITHUB_RUN_ID": "77",
            ])
        #expect(gate.exitCode == 1, "\(gate.stdout)\(gate.stderr)")
        let written = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(written.hasPrefix("earlier step\n### ❌ sandbox-bench gate failed: "), "\(written)")
        #expect(written.components(separatedBy: "sandbox-bench gate failed").count == 2, "\(written)")
        #expect(written.contains("[CI run and its artifacts](<https://github.com/acme/sandbox/actions/runs/77>)"))
        // --report-url wins over the environment.
        let linked = cli.directory.file("linked.md")
        let given = try await cli.run(["gate", "--markdown", linked, "--report-url", "https://ci.example/a/1"])
        #expect(given.exitCode == 1, "\(given.stdout)\(given.stderr)")
        #expect(try String(contentsOfFile: linked, encoding: .utf8).contains("[report](<https://ci.example/a/1>)"))
    }

    /// `run --gate --baseline X` refuses a baseline it could never use before it measures anything.
    @Test func aRunGateWithABaselineThatCannotBeUsedMeasuresNothing() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        var failed: Int64 = 0
        try await VerdictFixtures.write(cli) { failed = try await $0.run(creation: 0.40, status: .failed) }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        // An unreachable engine: a run that got past the check would fail with exit 3, not 2.
        let engine = ["DOCKER_HOST": "unix:///nonexistent/docker.sock"]
        for (baseline, says) in [("nosuch", "no baseline named"), ("99", "no run 99"), (String(failed), "failed")] {
            let outcome = try await cli.run(["run", "--gate", "--baseline", baseline], environment: engine)
            #expect(outcome.exitCode == 2, "\(baseline): \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(outcome.stderr.lowercased().contains(says), "\(baseline): \(outcome.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
    }

    /// Output that cannot be written (a full disk behind `>`) is an error, not a silent success.
    @Test func aFullDiskUnderStandardOutputIsAnEnvironmentError() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40) }
        for arguments in [
            ["export", "--run", "1"], ["runs", "list"], ["runs", "show", "1", "--json"], ["baseline", "export", "1"],
        ] {
            let outcome = try await ExecutableFile(path: "/bin/sh").run(
                ["-c", #"exec "$0" "$@" > /dev/full"#, cli.binary.path] + arguments, environment: cli.environment,
                in: cli.directory.url)
            #expect(outcome.exitCode == 3, "\(arguments): \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(
                outcome.stderr.contains("The output could not be written (No space left on device)"),
                "\(outcome.stderr)")
        }
    }

    /// A misspelt database URL is refused as one (not created as a file of that name), and its
    /// password is not repeated.
    @Test func aMisspeltDatabaseURLIsRefusedWithoutItsPassword() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        for url in ["postgressql://u:s3cret@h/d", "postgresql:/u:s3cret@h/d", "jdbc:postgresql://u:s3cret@h/d"] {
            for outcome in [
                try await cli.run(["runs", "list", "--db", url]),
                try await cli.run(["gate"], environment: ["SANDBOX_BENCH_DB": url]),
                try await cli.run(["copy", "--from", url, "--to", "x.sqlite"]),
            ] {
                #expect(outcome.exitCode == 2, "\(url): \(outcome.stderr)")
                #expect(
                    outcome.stderr.contains("only postgresql:// and postgres:// URLs name a database"),
                    "\(outcome.stderr)")
                #expect(!outcome.stderr.contains("s3cret") && !outcome.stdout.contains("s3cret"))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).isEmpty)
    }

    /// A database path is a path, also where libsqlite3 would read it as a URI (`file:…`).
    @Test func aDatabasePathThatReadsAsAURIIsThatFile() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40) }
        let exported = try await cli.run(["baseline", "export", "1", "-o", "one.json"])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        for name in ["file:copy.sqlite", "file:other.sqlite?mode=memory"] {
            let imported = try await cli.run(["baseline", "import", "one.json", "--db", name])
            #expect(imported.exitCode == 0, "\(name): \(imported.stderr)")
            #expect(FileManager.default.fileExists(atPath: cli.directory.file(name)), "\(name)")
            let listed = try await cli.run(["runs", "list", "--db", name])
            #expect(listed.stdout.contains("nightly"), "\(name): \(listed.stdout)\(listed.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("copy.sqlite")))
    }

    /// A 100 kB value typed by mistake is not echoed whole: the error line keeps its beginning
    /// and its end, which says what to do.
    @Test func aHugeValueIsNotEchoedWhole() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40) }
        let outcome = try await cli.run(["baseline", "show", String(repeating: "x", count: 100_000)])
        #expect(outcome.exitCode == 2)
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.stderr.count < 2_200, "\(outcome.stderr.count)")
        #expect(outcome.stderr.contains("characters left out"))
        #expect(outcome.stderr.hasSuffix("shows the baselines.\n"), "\(outcome.stderr.suffix(200))")
    }

    /// `copy --since` reads a time strictly and to the second, as `export --since` does.
    @Test func copySinceIsATimeToTheSecondAndRefusesTrailingText() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40) }
        let formatter = ISO8601DateFormatter()
        let later = formatter.string(from: Date().addingTimeInterval(60))
        let earlier = formatter.string(from: Date().addingTimeInterval(-3600))
        let none = try await cli.run([
            "copy", "--from", cli.database, "--to", "none.sqlite", "--since", later, "--json",
        ])
        #expect(none.exitCode == 0, "\(none.stderr)")
        #expect(none.stdout.contains("\"copied\" : 0"), "\(none.stdout)")
        let one = try await cli.run([
            "copy", "--from", cli.database, "--to", "one.sqlite", "--since", earlier, "--json",
        ])
        #expect(one.stdout.contains("\"copied\" : 1"), "\(one.stdout)")
        for bad in ["2026-12-02junk", "2026-12-02T25:00:00Z", "2026-02-30", "2026-12-02T05:00:00"] {
            let refused = try await cli.run(["copy", "--from", cli.database, "--to", "bad.sqlite", "--since", bad])
            #expect(refused.exitCode == 2, "\(bad): \(refused.stdout)\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("bad.sqlite")))
    }

    @Test func whenConfirmationCannotReachTheEngineTheAlertStandsAndTheGateSaysSo() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            let configuration = VerdictFixtures.configuration(socket: cli.directory.file("no-engine.sock"))
            try await $0.run(creation: 0.40, configurationJSON: configuration)
            try await $0.run(creation: 0.60, configurationJSON: configuration)
        }
        let gate = try await cli.run(["gate", "--confirm", "2"])
        #expect(gate.exitCode == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.contains("Confirmation could not run ("))
        #expect(gate.stdout.contains("Gate FAILED: run 2"))
        let shown = try await cli.run(["runs", "show", "2"])
        #expect(shown.stdout.contains("confirmation: 2 re-runs asked for"))
        #expect(shown.stdout.contains("the alerts stand unconfirmed"))
    }
}
