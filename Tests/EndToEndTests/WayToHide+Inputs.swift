import Foundation
import Testing

/// Inputs that say one thing to a reviewer and another to a reader that keeps the first (or the
/// last) of two equal keys, and inputs that lack the very metric the gate compares.
extension WayToHide {
    static let inputs = duplicateKeys + missingMetrics

    /// Where a hidden value sits next to the honest one: read first (Foundation) or last (jq,
    /// Python, Go).
    enum Hidden: String, Sendable, CaseIterable {
        case first, last

        /// `"key": honest` with `hidden` before or after it in the same object.
        func pair(_ key: String, honest: String, hidden: String) -> String {
            self == .first ? "\(key): \(hidden), \(key): \(honest)" : "\(key): \(honest), \(key): \(hidden)"
        }
    }

    /// The refusal of an input with a key twice: exit 2, naming the key's path.
    static let twice = Expected(2, "the key appears twice")

    static let duplicateKeys: [WayToHide] = Hidden.allCases.flatMap { hidden in
        [
            WayToHide(
                .duplicateKeys, "a profile with \"engine\" twice, the unchanged engine \(hidden)", refused: twice
            ) { scene in
                // B is the change under review: the engine that may be slower. A reader of the hidden
                // value would measure B on A's engine, next to A.
                let a = scene.file("A.json")
                try "{}".write(toFile: a, atomically: true, encoding: .utf8)
                let b = scene.file("B.json")
                let keys = hidden.pair(
                    #""engine""#, honest: "\"\(scene.engine.dockerHost)\"", hidden: "\"\(Self.defaultEngine)\"")
                try "{\(keys)}".write(toFile: b, atomically: true, encoding: .utf8)
                let before = try scene.databaseBytes()
                let outcome = try await scene.measure(
                    ["ab", a, b, "--suite", "quick", "--spec", "creation", "--max-samples", "6"] + MeasuredRuns.limit,
                    onPrivateEngine: false)
                #expect(
                    outcome.stderr.contains("The sandbox profile \(b) is invalid at \"engine\": the key appears twice"),
                    "\(outcome.stderr)")
                #expect(try scene.databaseBytes() == before, "nothing measured, nothing stored")
                return Ending(outcome)
            },
            WayToHide(
                .duplicateKeys, "a configuration with maxCreationSlowdown twice, 5000 % \(hidden)", refused: twice
            ) { scene in
                let config = scene.file("regression.json")
                let keys = hidden.pair(#""maxCreationSlowdown""#, honest: #""200%""#, hidden: #""5000%""#)
                try "{\(keys)}".write(toFile: config, atomically: true, encoding: .utf8)
                let refused = try await scene.run(["gate", "2", "--config", config])
                #expect(
                    refused.stderr.contains(
                        "The configuration file \(config) is invalid at \"maxCreationSlowdown\": "
                            + "the key appears twice"),
                    "\(refused.stderr)")
                // The same file without the duplicate: the first decision of run 2.
                try #"{"maxCreationSlowdown": "200%"}"#.write(toFile: config, atomically: true, encoding: .utf8)
                let honest = try await scene.run(["gate", "2", "--config", config])
                #expect(honest.exitCode == scene.verdict, "\(honest.stdout)\(honest.stderr)")
                #expect(!honest.stdout.contains("It replaces the decision"), "the refusal stored no decision")
                return Ending(refused)
            },
            WayToHide(
                .duplicateKeys, "a baseline file with each sample's value twice, 99 s \(hidden)", refused: twice
            ) { scene in
                let file = try await scene.export(run: "1", as: "nightly.json")
                let honest = try String(contentsOfFile: file, encoding: .utf8)
                try Self.everyValueTwice(honest, hidden: hidden).write(toFile: file, atomically: true, encoding: .utf8)
                let refused = try await scene.gate(["2", "--baseline-file", file])
                #expect(
                    refused.stderr.contains(
                        "The baseline file \(file) is invalid at \"specs[0].samples[0].value\": the key appears twice"),
                    "\(refused.stderr)")
                try honest.write(toFile: file, atomically: true, encoding: .utf8)
                let compared = try await scene.gate(["2", "--baseline-file", file])
                #expect(compared.exitCode == scene.verdict, "\(compared.stdout)\(compared.stderr)")
                return Ending(refused)
            },
        ]
    }

    /// The engine a profile without `engine` runs on: DOCKER_HOST's, else the default socket.
    static var defaultEngine: String {
        ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"
    }

    /// `text` (a baseline file, pretty-printed) with every `"value" : X` given a second value of
    /// 99 s: read, those values would make the baseline's creation 99 s, which nothing fails.
    static func everyValueTwice(_ text: String, hidden: Hidden) throws -> String {
        let value = try Regex(#""value" : (-?[0-9.eE+-]+)"#)
        let doubled = text.replacing(value) { match in
            let honest = String(text[match.range])
            return hidden == .first ? #""value" : 99.0, "# + honest : honest + #", "value" : 99.0"#
        }
        guard doubled != text else { throw MeasuredRuns.Failure(description: "no sample value in the baseline file") }
        return doubled
    }

    static let missingMetrics: [WayToHide] = [
        WayToHide(
            .missingMetric, "a baseline file without the creation spec, on a CI runner's database",
            refused: .init(2, "MISSING creation-slowdown")
        ) { scene in
            let whole = try await scene.export(run: "1", as: "nightly.json")
            let stripped = scene.file("stripped.json")
            try MissingMetricEngineTests.withoutCreation(whole, to: stripped)
            #expect(try await scene.run(["runs", "delete", "1"]).exitCode == 0)
            let missing = try await scene.gate(["2", "--baseline-file", stripped])
            #expect(missing.exitCode == 2, "\(missing.stdout)\(missing.stderr)")
            #expect(missing.stdout.contains("MISSING creation-slowdown"), "\(missing.stdout)")
            // Gated again with the file gone: the kept content, never "no baseline".
            try FileManager.default.removeItem(atPath: stripped)
            let again = try await scene.gate()
            #expect(again.stdout.contains("vs file stripped.json"), "\(again.stdout)")
            #expect(!again.stdout.contains("No baseline yet"), "\(again.stdout)")
            let compared = try await scene.gate(["2", "--baseline-file", whole])
            #expect(compared.exitCode == scene.verdict, "\(compared.stdout)\(compared.stderr)")
            return Ending(again)
        },
        WayToHide(
            .missingMetric,
            "a baseline that never assessed the isolation standard, and a sandbox without a memory limit",
            slow: .alert,
            clean: .init(
                2, "MISSING isolation-weakening: \"memory limit in force\" (security.holds.memory_limit) is not held")
        ) { scene in
            // Run 1, narrowed to creation, ran no security spec: it cannot say whether a property was
            // lost. The new run gives up the memory limit; skipping the isolation rule would pass it.
            let measured = try await scene.measure([
                "run", "--spec", "creation", "--spec", "security", "--iterations", "2", "--memory", "1000g",
                "--no-report",
            ])
            #expect([0, 4].contains(measured.exitCode), "\(measured.stdout)\(measured.stderr)")
            let gated = try await scene.gate(["--baseline", "1"])
            #expect(gated.stdout.contains("was not assessed in the baseline, run 1"), "\(gated.stdout)")
            return Ending(gated)
        },
        WayToHide(
            .missingMetric, "a candidate whose samples were deleted after it completed",
            refused: .init(4, "Missing from run 2: creation.create_start_s")
        ) { scene in
            try scene.execute(
                "DELETE FROM samples WHERE spec_result_id IN (SELECT id FROM spec_results WHERE run_id = 2)")
            let lost = try await scene.gate()
            #expect(lost.stdout.contains("Missing from run 2: creation.create_start_s"), "\(lost.stdout)")
            return Ending(lost)
        },
        WayToHide(
            .foreignSchema, "a database whose trigger deletes every sample written",
            refused: .init(3, "has a trigger \"eat_samples\" on the table samples")
        ) { scene in
            try scene.execute(StoreIntegrityEndToEndTests.eatSamples)
            let before = try scene.databaseBytes()
            let measured = try await scene.measure(["run", "--spec", "creation", "--iterations", "2", "--no-report"])
            #expect(measured.exitCode == 3, "\(measured.stdout)\(measured.stderr)")
            #expect(
                measured.stderr.contains("has a trigger \"eat_samples\" on the table samples"), "\(measured.stderr)")
            let gated = try await scene.gate()
            #expect(try scene.databaseBytes() == before, "refused before anything was written")
            return Ending(gated)
        },
        WayToHide(
            .foreignSchema, "a database whose samples table is a view that shrinks the candidate",
            refused: .init(3, "sandbox-bench did not create")
        ) { scene in
            try scene.execute(
                """
                ALTER TABLE samples RENAME TO kept_samples;
                CREATE VIEW samples AS SELECT id, spec_result_id, metric_id, iteration,
                    CASE WHEN spec_result_id IN (SELECT id FROM spec_results WHERE run_id = 1) THEN value
                    ELSE value / 10 END AS value, create_s, start_s, run_s, logs_s, remove_s FROM kept_samples;
                """)
            let gated = try await scene.gate()
            #expect(gated.stderr.contains("sandbox-bench did not create"), "\(gated.stderr)")
            return Ending(gated)
        },
    ]
}
