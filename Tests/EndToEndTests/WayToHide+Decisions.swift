import BenchModel
import Foundation
import ResultsStore
import StoreTestSupport
import Testing

/// Later commands that would replace a failed verdict by a pass without a new baseline being
/// named, and runs whose samples could not be physical.
extension WayToHide {
    static let decisions = replacedDecisions + impossibleSamples + recordedNarrowing

    static let replacedDecisions: [WayToHide] = [
        WayToHide(
            .replacedDecision, "a plain gate after a file gate, on a CI runner's database, the file gone"
        ) { scene in
            let file = try await scene.export(run: "1", as: "nightly.json")
            #expect(try await scene.run(["runs", "delete", "1"]).exitCode == 0)
            let first = try await scene.gate(["2", "--baseline-file", file])
            #expect(first.exitCode == scene.verdict, "\(first.stdout)\(first.stderr)")
            try FileManager.default.removeItem(atPath: file)
            let again = try await scene.gate(["2"])
            #expect(again.exitCode == scene.verdict, "\(again.stdout)\(again.stderr)")
            let latest = try await scene.gate()
            #expect(latest.stdout.contains("run 2 vs file nightly.json"), "\(latest.stdout)")
            #expect(!latest.stdout.contains("No baseline yet"), "\(latest.stdout)")
            return Ending(latest)
        },
        WayToHide(.baselineFileUUID, "a baseline file whose UUID a stored slower run has") { scene in
            let file = try await scene.export(run: "1", as: "nightly.json")
            let uuid = try BaselineFile.read(path: file).run.run.uuid.uuidString.lowercased()
            // The runner's database: the candidate, and a slower run (another testbed's, made
            // this testbed's) under the file's UUID.
            #expect(try await scene.run(["runs", "delete", "1"]).exitCode == 0)
            try await scene.copyRuns(of: scene.runs.elsewhere)
            try scene.execute(
                "UPDATE runs SET uuid = '\(uuid)', testbed = (SELECT testbed FROM runs WHERE id = 2) WHERE id = 3")
            let first = try await scene.gate(["2", "--baseline-file", file])
            #expect(first.exitCode == scene.verdict, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("run 2 vs file nightly.json"), "\(first.stdout)")
            let again = try await scene.gate(["2"])
            #expect(again.stdout.contains("run 2 vs file nightly.json"), "\(again.stdout)")
            return Ending(again)
        },
        WayToHide(.crossTestbed, "a one-off comparison with a slower testbed's run") { scene in
            try await scene.copyRuns(of: scene.runs.elsewhere)
            let oneOff = try await scene.gate(["2", "--baseline", "3"])
            #expect(oneOff.exitCode == 0, "slower, both: \(oneOff.stdout)\(oneOff.stderr)")
            #expect(oneOff.stdout.contains("One-off decision stored with run 2"), "\(oneOff.stdout)")
            let plain = try await scene.gate(["2"])
            #expect(plain.stdout.contains("run 2 vs run 1 (the latest clean run)"), "\(plain.stdout)")
            let reports = scene.file("reports")
            #expect(try await scene.run(["report", "--fleet", "--out", reports, "--format", "json"]).exitCode == 0)
            let fleet = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: reports + "/fleet.json")))
            let testbeds = try #require((fleet as? [String: Any])?["testbeds"] as? [[String: Any]])
            let own = try #require(testbeds.first { $0["testbed"] as? String == Testbed.defaultName })
            let kind = (own["verdict"] as? [String: Any])?["kind"] as? String
            #expect((kind == "alert") == scene.isSlow, "the fleet's verdict of this testbed: \(kind ?? "none")")
            return Ending(plain)
        },
        WayToHide(.crossTestbed, "a one-off comparison with a slower testbed's baseline file") { scene in
            try await scene.copyRuns(of: scene.runs.elsewhere)
            let file = try await scene.export(run: "3", as: "elsewhere.json")
            #expect(try await scene.run(["runs", "delete", "3"]).exitCode == 0)
            let oneOff = try await scene.gate(["2", "--baseline-file", file])
            #expect(oneOff.exitCode == 0, "slower, both: \(oneOff.stdout)\(oneOff.stderr)")
            #expect(
                oneOff.stdout.contains("One-off decision stored with run 2 (a comparison with a baseline file"),
                "\(oneOff.stdout)")
            let plain = try await scene.gate(["2"])
            #expect(plain.stdout.contains("run 2 vs run 1 (the latest clean run)"), "\(plain.stdout)")
            return Ending(plain)
        },
        WayToHide(.otherTestbedsLatest, "a plain gate after another testbed's newer run arrived") { scene in
            try await scene.copyRuns(of: scene.runs.elsewhere)
            let gated = try await scene.gate()
            #expect(
                gated.stdout.hasPrefix("Run 2: the latest completed run of the testbed \(Testbed.defaultName).\n"),
                "the run taken is named first: \(gated.stdout)")
            return Ending(gated)
        },
        WayToHide(.copyDropsDecisions, "a later gate of a run the fleet database holds already") { scene in
            let fleet = scene.file("fleet.sqlite")
            let copy = ["copy", "--from", scene.cli.database, "--to", fleet]
            #expect(try await scene.run(copy).exitCode == 0)
            let local = try await scene.gate(["2", "--baseline", "1"])
            #expect(local.exitCode == scene.verdict, "\(local.stdout)\(local.stderr)")
            let again = try await scene.run(copy)
            #expect(again.stdout.contains("added 1 later decision of run 2"), "\(again.stdout)")
            return Ending(try await scene.run(["gate", "2", "--db", fleet] + MeasuredRuns.limit))
        },
        WayToHide(.latestAborted, "a plain gate after a newer interrupted run") { scene in
            try await scene.copyRuns(of: scene.runs.interrupted)
            let gated = try await scene.gate()
            #expect(
                gated.stdout.hasPrefix("Run 2: the latest completed run of the testbed \(Testbed.defaultName).\n"),
                "the run taken is named first: \(gated.stdout)")
            #expect(gated.stdout.contains("\nNote: Run 3 (aborted: "), "the newer run is named: \(gated.stdout)")
            #expect(gated.stdout.contains("this is run 2, the latest completed run"), "\(gated.stdout)")
            return Ending(gated)
        },
        WayToHide(
            .selfBaseline, "a gate against an export of the candidate itself", refused: .init(2, "the same UUID")
        ) { scene in
            let itself = try await scene.export(run: "2", as: "candidate.json")
            let refused = try await scene.gate(["2", "--baseline-file", itself])
            #expect(refused.stderr.contains("the same UUID"), "\(refused.stderr)")
            // The same samples under another UUID.
            let text = try String(contentsOfFile: itself, encoding: .utf8)
            let uuid = try BaselineFile.read(path: itself).run.run.uuid.uuidString
            let renamed = scene.file("renamed.json")
            try text.replacingOccurrences(of: uuid, with: UUID().uuidString)
                .write(toFile: renamed, atomically: true, encoding: .utf8)
            let copied = try await scene.gate(["2", "--baseline-file", renamed])
            #expect(copied.exitCode == 2, "\(copied.stdout)\(copied.stderr)")
            #expect(try await scene.run(["baseline", "set", "default", "2"]).exitCode == 0)
            let named = try await scene.gate(["2"])
            #expect(named.exitCode == 2, "\(named.stdout)\(named.stderr)")
            #expect(try await scene.run(["baseline", "set", "default", "1"]).exitCode == 0)
            let honest = try await scene.gate(["2"])
            #expect(honest.exitCode == scene.verdict, "\(honest.stdout)\(honest.stderr)")
            return Ending(refused)
        },
    ]

    /// Runs 1 and 2 were each stopped (SIGSTOP) inside a measured container start (``MeasuredRuns``):
    /// kept, the baseline's stopped sample would lift its mean above a third of the slow run's.
    static let impossibleSamples: [WayToHide] = [
        WayToHide(
            .stoppedProcess, "the tool stopped during the baseline and the candidate, --statistic mean"
        ) { scene in
            let gated = try await scene.gate(["--statistic", "mean"])
            for run in ["1", "2"] {
                let shown = try await scene.run(["runs", "show", run])
                #expect(shown.stdout.contains("discarded as physically impossible"), "run \(run): \(shown.stdout)")
                #expect(shown.stdout.contains("the tool was stopped"), "run \(run): \(shown.stdout)")
            }
            // A kept stopped sample would hold its run's whole stop (the tool cannot end an iteration
            // while it is stopped), so it would lie at least the stop above the fastest; the others
            // lie within a few seconds of each other under test load (run 2 may be the slow one).
            let store = try await scene.cli.store()
            for (run, stop) in [(Int64(1), MeasuredRuns.baselineStop), (2, MeasuredRuns.candidateStop)] {
                let values = try await store.samples(run: run, metric: .creationTime).map(\.sample.value)
                let fastest = values.min() ?? 0
                #expect(
                    values.count == 5 && values.allSatisfy { $0 < fastest + stop / .seconds(1) * 0.9 },
                    "run \(run): \(values)")
            }
            await store.close()
            return Ending(gated)
        },
        WayToHide(.stoppedProcess, "the tool stopped during the baseline and the candidate, the median") { scene in
            Ending(try await scene.gate())
        },
    ]

    static let recordedNarrowing: [WayToHide] = [
        WayToHide(.narrowedSuite, "a suite narrowed with --spec creation, its skips recorded") { scene in
            let gated = try await scene.gate()
            #expect(gated.stdout.contains("5 skipped"), "\(gated.stdout)")
            let store = try await scene.cli.store()
            let stored = try #require(try await store.decisions(run: 2).last)
            await store.close()
            let decision = try #require(
                try JSONSerialization.jsonObject(with: Data(stored.document.utf8)) as? [String: Any])
            #expect(decision["suite"] as? String == "full, specs: creation")
            let outcomes = try #require(decision["outcomes"] as? [[String: Any]])
            let creation = outcomes.first { $0["metric"] as? String == MetricID.creationTime.rawValue }
            #expect(creation?["status"] as? String == (scene.isSlow ? "alert" : "passed"), "\(outcomes)")
            let parallel = outcomes.first { $0["metric"] as? String == "parallel.efficiency" }
            #expect(parallel?["status"] as? String == "skipped")
            #expect((parallel?["message"] as? String)?.hasSuffix("not in this run's suite: --spec creation.") == true)
            return Ending(gated)
        },
        WayToHide(.missingMetric, "a baseline exported and imported into a runner's database") { scene in
            let file = try await scene.export(run: "1", as: "nightly.json")
            #expect(try await scene.run(["runs", "delete", "1"]).exitCode == 0)
            #expect(try await scene.run(["baseline", "import", file, "--name", "nightly"]).exitCode == 0)
            return Ending(try await scene.gate(["2", "--baseline", "nightly"]))
        },
        WayToHide(
            .csvFormula, "the candidate's samples exported as JSON and CSV, a label a spreadsheet would run"
        ) { scene in
            try scene.execute(#"UPDATE runs SET label = '=HYPERLINK("http://x","passed")' WHERE id = 2"#)
            let store = try await scene.cli.store()
            let stored = try await store.samples(run: 2, metric: .creationTime).map(\.sample.value)
            await store.close()
            let json = try await scene.run(["export", "--run", "2", "--format", "json"])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])
            // Foundation's JSON reader on Linux may round a value's last digit (the text is exact, as
            // the CSV's, read with `Double(_:)`, shows): equal within a few units in the last place.
            let exported = Self.values(of: MetricID.creationTime.rawValue, in: document).sorted()
            #expect(
                exported.count == stored.count
                    && zip(exported, stored.sorted()).allSatisfy { abs($0 - $1) <= 4 * $1.ulp },
                "\(exported) \(stored.sorted()) \(json.stdout.prefix(500))")
            let csv = try await scene.run(["export", "--run", "2", "--format", "csv"])
            let lines = csv.stdout.split(separator: "\n").map(String.init)
            let rows = lines.filter { $0.contains(",creation,\(MetricID.creationTime.rawValue),") }
            #expect(rows.allSatisfy { $0.contains(#","'=HYPERLINK(""http://x"",""passed"")","#) }, "\(rows)")
            let values = rows.compactMap { Double($0.split(separator: ",").reversed()[6]) }
            #expect(values.sorted() == stored.sorted(), "\(rows)")
            return Ending(try await scene.gate())
        },
    ]

    /// Every sample value of `metric` in an `export --format json` document, in order.
    static func values(of metric: String, in document: [Any]) -> [Double] {
        document.compactMap { $0 as? [String: Any] }.flatMap { run in
            ((run["specs"] as? [[String: Any]]) ?? []).flatMap { spec in
                ((spec["samples"] as? [[String: Any]]) ?? []).filter { $0["metric"] as? String == metric }
                    .compactMap { $0["value"] as? Double }
            }
        }
    }
}
