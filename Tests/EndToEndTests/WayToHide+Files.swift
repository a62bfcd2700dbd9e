import Foundation
import Testing

/// Baseline files that contradict themselves or the clock, a failed run carried to CI as a file,
/// and an output that is a second name of a file the gate reads.
extension WayToHide {
    static let files = contradictoryFiles + [futureFile, failedExport, hardLinkedSummary]

    /// The baseline file of run 1 with the samples of `metric` changed by `change` (given the
    /// spec's wall time too); its path.
    static func edited(
        _ scene: HiddenRegressionScene, metric: String, _ change: @escaping (inout [String: Any], Double) -> Void
    ) async throws -> String {
        let file = try await scene.export(run: "1", as: "nightly.json")
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var specs = try #require(object["specs"] as? [[String: Any]])
        for index in specs.indices {
            var samples = try #require(specs[index]["samples"] as? [[String: Any]])
            for sample in samples.indices where samples[sample]["metric"] as? String == metric {
                change(&samples[sample], specs[index]["wallSeconds"] as? Double ?? 0)
            }
            specs[index]["samples"] = samples
        }
        object["specs"] = specs
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
        return file
    }

    static let contradictoryFiles: [WayToHide] = [
        WayToHide(
            .contradictoryBaselineFile, "creation three times its own create and start phases",
            refused: Expected(2, "is not the sum of its own phases create + start")
        ) { scene in
            let file = try await edited(scene, metric: "creation.create_start_s") { sample, _ in
                sample["value"] = (sample["value"] as? Double ?? 0) * 3
            }
            return Ending(try await scene.gate(["2", "--baseline-file", file]))
        },
        WayToHide(
            .contradictoryBaselineFile, "creation's phases removed, each value a third of its spec's wall",
            refused: Expected(2, "more than the")
        ) { scene in
            // Each sample alone fits in the spec's time; five of them one after another do not.
            let file = try await edited(scene, metric: "creation.create_start_s") { sample, wall in
                sample["phases"] = nil
                sample["value"] = wall / 3
            }
            let refused = try await scene.gate(["2", "--baseline-file", file])
            #expect(refused.stderr.contains("one iteration after another, sum to"), "\(refused.stderr)")
            return Ending(refused)
        },
    ]

    static let futureFile = WayToHide(
        .futureBaselineFile, "a baseline file that starts in 2099", refused: Expected(2, "after this host's clock")
    ) { scene in
        let file = try await scene.export(run: "1", as: "nightly.json")
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var run = try #require(object["run"] as? [String: Any])
        run["uuid"] = UUID().uuidString
        run["startedAt"] = "2099-01-01T00:00:00.000Z"
        run["endedAt"] = "2099-01-01T00:01:00.000Z"
        object["run"] = run
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
        let imported = try await scene.run(["baseline", "import", file])
        #expect(imported.exitCode == 2, "\(imported.stdout)\(imported.stderr)")
        return Ending(try await scene.gate(["2", "--baseline-file", file]))
    }

    /// The candidate gated, then `baseline export latest` for tomorrow's CI: a run whose gate
    /// failed is refused as `baseline set` refuses it; a clean one is written.
    static let failedExport = WayToHide(
        .failedRunExported, "the gated candidate exported as the latest run",
        slow: Expected(2, "did not pass its gate"), clean: Expected(0, "Wrote run 2")
    ) { scene in
        let gated = try await scene.gate(["2", "--baseline", "1"])
        #expect(gated.exitCode == scene.verdict, "\(gated.stdout)\(gated.stderr)")
        return Ending(try await scene.run(["baseline", "export", "latest", "-o", scene.file("latest.json")]))
    }

    static let hardLinkedSummary = WayToHide(
        .hardLinkedOutput, "$GITHUB_STEP_SUMMARY a hard link of the baseline file",
        refused: Expected(2, "is the --baseline-file it compares with")
    ) { scene in
        let file = try await scene.export(run: "1", as: "nightly.json")
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileManager.default.linkItem(atPath: file, toPath: scene.file("summary.md"))
        let refused = try await scene.run(
            ["gate", "2", "--baseline-file", file] + MeasuredRuns.limit,
            environment: ["GITHUB_STEP_SUMMARY": scene.file("summary.md")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "the baseline file is untouched")
        let compared = try await scene.gate(["2", "--baseline-file", file])
        #expect(compared.exitCode == scene.verdict, "\(compared.stdout)\(compared.stderr)")
        return Ending(refused)
    }
}
