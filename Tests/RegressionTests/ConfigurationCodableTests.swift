import BenchModel
import Foundation
import Regression
import Testing

/// The configuration's `Codable` form is the configuration file: what it writes, it reads back.
@Suite struct ConfigurationCodableTests {
    static let configurations: [RegressionConfiguration] = [
        RegressionConfiguration(),
        RegressionConfiguration(
            maxCreationSlowdown: 0.15, minParallelEfficiency: 0.3, statistic: .mean,
            extraRules: [
                RegressionRule(
                    name: "e2e.cycle_s max-worsening", title: "e2e.cycle_s", metrics: ["e2e.cycle_s"],
                    limit: .maxWorsening(0.1)),
                RegressionRule(
                    name: "speedup-floor", title: "parallel speedup", metrics: ["parallel.speedup"], limit: .bound(2)),
                RegressionRule(
                    name: "slow-pair", title: "slow pair", metrics: ["e2e.cycle_s", "cleanup_all.wall_s"],
                    limit: .bound(4.75)),
            ],
            noise: NoiseSettings(
                alpha: 0.01, confidence: 0.9, resamples: 500, minimumEffect: 0.03, seed: 7, requiredForAlerts: true)),
        // Limits of 1 or more, which a bare number cannot say, digits a percentage cannot hold
        // exactly in binary, and the extremes of the whole numbers.
        RegressionConfiguration(
            maxCreationSlowdown: 1.5, minParallelEfficiency: 1,
            extraRules: [
                RegressionRule(
                    name: "odd", title: "odd", metrics: ["e2e.cycle_s"], limit: .maxWorsening(1.2345678901234567)),
                RegressionRule(
                    name: "huge", title: "huge", metrics: ["e2e.cycle_s"], limit: .maxWorsening(99.99999999999999)),
                RegressionRule(name: "tiny", title: "tiny", metrics: ["e2e.cycle_s"], limit: .maxWorsening(1e-7)),
                RegressionRule(
                    name: "third", title: "third", metrics: ["overhead_simple.overhead_pct"], limit: .bound(1.0 / 3)),
            ],
            noise: NoiseSettings(
                alpha: 0.123, confidence: 0.999, resamples: 1_000_000, minimumEffect: 1, seed: .max,
                requiredForAlerts: false)),
    ]

    private func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: configurations)
    func encodingThenDecodingGivesAnEqualConfiguration(configuration: RegressionConfiguration) throws {
        let data = try encoded(configuration)
        #expect(try RegressionConfiguration(json: data) == configuration)
        #expect(try JSONDecoder().decode(RegressionConfiguration.self, from: data) == configuration)
    }

    @Test func theEncodingHasTheFileFormatsKeysAndNotTheDefaultRules() throws {
        let file = try object(try encoded(RegressionConfiguration()))
        #expect(
            Set(file.keys) == [
                "statistic", "maxCreationSlowdown", "minParallelEfficiency", "noise", "changePoints", "rules",
            ])
        let changePoints = try #require(file["changePoints"] as? [String: Any])
        #expect(changePoints["window"] as? Int == 50 && changePoints["minimumRuns"] as? Int == 3)
        #expect(changePoints["maxPValue"] as? Double == 0.001 && changePoints["minimumMagnitude"] as? Double == 0.05)
        #expect(file["statistic"] as? String == "median")
        #expect(file["maxCreationSlowdown"] as? Double == 0.2)
        #expect(file["minParallelEfficiency"] as? Double == 0.5)
        #expect((file["rules"] as? [Any])?.isEmpty == true)
        let noise = try #require(file["noise"] as? [String: Any])
        #expect(Set(noise.keys) == ["alpha", "confidence", "resamples", "minimumEffect", "seed", "requiredForAlerts"])
    }

    @Test func aRuleWritesMetricWhenItWatchesOneAndMetricsWhenSeveral() throws {
        let one = try object(try encoded(RegressionRule.creationSlowdown()))
        #expect(
            one as NSDictionary == [
                "name": "creation-slowdown", "title": "creation time", "metric": "creation.create_start_s",
                "maxWorsening": 0.2,
            ])
        let several = try object(try encoded(RegressionRule.cleanupFailures))
        #expect(several["metric"] == nil)
        #expect(
            several["metrics"] as? [String] == [
                "cleanup.failures", "cleanup_all.failures", "e2e.failures", "run.leftover_containers",
            ])
        #expect(several["bound"] as? Double == 0)
        for rule in [
            RegressionRule.creationSlowdown(), .parallelEfficiency(floor: 0.34), .cleanupFailures, .isolationViolations,
        ] {
            #expect(try JSONDecoder().decode(RegressionRule.self, from: try encoded(rule)) == rule)
        }
    }

    @Test func aRelativeLimitOfOneOrMoreIsWrittenAsAPercentage() throws {
        let file = try object(
            try encoded(RegressionConfiguration(maxCreationSlowdown: 1.5, noise: NoiseSettings(minimumEffect: 2))))
        #expect(file["maxCreationSlowdown"] as? String == "150%")
        #expect((file["noise"] as? [String: Any])?["minimumEffect"] as? String == "200%")
    }

    @Test func percentagesAreExactFractions() throws {
        // 12.3 / 100 in binary is not the double nearest 0.123; "12.3%" means 0.123.
        #expect(
            try RegressionConfiguration(json: Data(#"{"maxCreationSlowdown": "12.3%"}"#.utf8)).maxCreationSlowdown
                == 0.123)
        #expect(try ThresholdText.relativeChange("0.7%", option: "--max-creation-slowdown") == 0.007)
    }

    @Test func aRuleInTheFileMayListSeveralMetrics() throws {
        let configuration = try RegressionConfiguration(
            json: Data(
                #"{"rules": [{"name": "slow-pair", "metrics": ["e2e.cycle_s", "cleanup_all.wall_s"], "bound": 5}]}"#
                    .utf8))
        #expect(
            configuration.extraRules == [
                RegressionRule(
                    name: "slow-pair", title: "slow-pair", metrics: ["e2e.cycle_s", "cleanup_all.wall_s"],
                    limit: .bound(5))
            ])
    }

    @Test func theLimitInARuleOutcomeKeepsItsShape() throws {
        let relative = RuleOutcome(
            rule: .creationSlowdown(), metric: .creationTime, status: .passed, statistic: .median, message: "m")
        let bound = RuleOutcome(
            rule: .parallelEfficiency(), metric: .parallelEfficiency, status: .passed, statistic: .median, message: "m")
        #expect(try object(try encoded(relative))["limit"] as? NSDictionary == ["maxWorsening": 0.2])
        #expect(try object(try encoded(bound))["limit"] as? NSDictionary == ["bound": 0.5])
        #expect(try JSONDecoder().decode(RuleOutcome.self, from: try encoded(relative)) == relative)
    }
}

@Suite struct ConfigurationErrorTests {
    private func error(_ json: String) -> String? {
        let error = #expect(throws: RegressionInputError.self) { try RegressionConfiguration(json: Data(json.utf8)) }
        #expect(error?.description.contains("\n") == false)
        return error?.description
    }

    @Test func metricOrMetricsButNotBoth() {
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "metrics": ["e2e.cycle_s"], "bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0]\": a rule has metric or metrics, not both.")
        #expect(
            error(#"{"rules": [{"metrics": ["e2e.cycle_s", "cleanup_all.wall_s"], "bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0].name\": is missing: a rule that watches several metrics needs a name."
        )
        #expect(
            error(#"{"rules": [{"name": "n", "metrics": ["e2e.cycle_s", 3], "bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0].metrics[1]\": expected a string, found a number.")
        #expect(
            error(#"{"rules": [{"name": "n", "metrics": [], "bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0].metrics\": is empty: name the metrics the rule watches.")
        #expect(
            error(#"{"rules": [{"name": "n", "metrics": ["e2e.cycle_s"], "bound": 1, "mode": 1}]}"#)
                == "The configuration is invalid at \"rules[0].mode\": unknown key; the known keys here are name, title, metric,"
                + " metrics, maxWorsening, bound.")
    }

    @Test func nullIsRefusedRatherThanTakenForTheDefault() {
        #expect(
            error(#"{"maxCreationSlowdown": null}"#)?.hasSuffix(
                "\"maxCreationSlowdown\": expected a percentage such as \"20%\" or a fraction such as 0.2, found null.")
                == true)
        #expect(
            error(#"{"noise": null}"#) == "The configuration is invalid at \"noise\": expected an object, found null.")
        #expect(
            error(#"{"rules": [{"metric": null, "bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0].metric\": expected a string, found null.")
    }

    @Test(arguments: [
        #"{"noise": {"seed": -1}}"#, #"{"noise": {"resamples": 1e400}}"#, #"{"noise": {"alpha": 1e400}}"#,
        #"{"rules": [7]}"#,
        #"{"rules": [{"metric": "e2e.cycle_s", "bound": true}]}"#, "", "null", "\"{}\"", #"{"statistic": ["median"]}"#,
    ])
    func foundationsTextsNeverShow(json: String) {
        let message = error(json) ?? ""
        #expect(message.hasPrefix("The configuration is "))
        for foreign in [
            "NSCocoaErrorDomain", "couldn't be read", "correct format", "Expected to decode", "Debug description",
            "not valid JSON.",
        ] {
            #expect(!message.contains(foreign))
        }
    }

    @Test func aFileIsReadAndItsProblemsAreSaidInPlainWords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("regression.json")
        try Data(#"{"minParallelEfficiency": "30%"}"#.utf8).write(to: file)
        #expect(try RegressionConfiguration(contentsOf: file).minParallelEfficiency == 0.3)

        let inside = file.appendingPathComponent("regression.json")
        let notADirectory = #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(contentsOf: inside)
        }
        #expect(
            notADirectory?.description
                == "Cannot read the configuration file \(inside.path): a part of its path is not a directory.")
        let directory = #expect(throws: RegressionInputError.self) { try RegressionConfiguration(contentsOf: folder) }
        #expect(directory?.description == "Cannot read the configuration file \(folder.path): it is a directory.")
    }

    @Test func changePointSettingsReadBackAndRefuseWhatTheFileRefuses() throws {
        let text = #"{"changePoints": {"window": 30, "maxPValue": "0.5%", "minimumMagnitude": "8%", "minimumRuns": 5}}"#
        let configuration = try RegressionConfiguration(json: Data(text.utf8))
        #expect(
            configuration.changePoints
                == ChangePointSettings(window: 30, maxPValue: 0.005, minimumMagnitude: 0.08, minimumRuns: 5))
        #expect(try RegressionConfiguration(json: try JSONEncoder().encode(configuration)) == configuration)
        #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(json: Data(#"{"changePoints": {"window": 2}}"#.utf8))
        }
        #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(json: Data(#"{"changePoints": {"maxPValue": 1}}"#.utf8))
        }
        #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(json: Data(#"{"changePoints": {"windows": 30}}"#.utf8))
        }
    }
}
