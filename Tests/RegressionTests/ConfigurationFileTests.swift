import BenchModel
import Foundation
import Regression
import TestSupport
import Testing

@Suite struct ConfigurationFileTests {
    private func decode(_ json: String) throws -> RegressionConfiguration {
        try RegressionConfiguration(json: Data(json.utf8))
    }

    private func error(_ json: String) -> String? {
        let error = #expect(throws: RegressionInputError.self) { try decode(json) }
        #expect(error?.kind == .badInput)
        #expect(error?.description.contains("\n") == false)
        return error?.description
    }

    @Test func emptyObjectKeepsTheDefaults() throws {
        #expect(try decode("{}") == RegressionConfiguration())
        let defaults = RegressionConfiguration()
        #expect(defaults.maxCreationSlowdown == 0.2)
        #expect(defaults.minParallelEfficiency == 0.5)
        #expect(defaults.statistic == .median)
        #expect(
            defaults.rules.map(\.name) == [
                "creation-slowdown", "parallel-efficiency", "cleanup-failures", "isolation-violations",
                "isolation-weakening",
            ])
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try decode(
            """
            {
              "statistic": "mean",
              "maxCreationSlowdown": "15%",
              "minParallelEfficiency": 0.3,
              "noise": { "alpha": 0.01, "confidence": "90%", "resamples": 500, "minimumEffect": "3%",
                         "seed": 7, "requiredForAlerts": true },
              "rules": [
                { "metric": "e2e.cycle_s", "maxWorsening": 0.1 },
                { "name": "speedup-floor", "title": "parallel speedup", "metric": "parallel.speedup", "bound": 2 },
                { "metric": "cleanup_all.wall_s", "bound": 5 }
              ]
            }
            """)
        #expect(configuration.statistic == .mean)
        #expect(configuration.maxCreationSlowdown == 0.15)
        #expect(configuration.minParallelEfficiency == 0.3)
        #expect(
            configuration.noise
                == NoiseSettings(
                    alpha: 0.01, confidence: 0.9, resamples: 500, minimumEffect: 0.03, seed: 7, requiredForAlerts: true)
        )
        #expect(
            configuration.extraRules == [
                RegressionRule(
                    name: "e2e.cycle_s max-worsening", title: "e2e.cycle_s", metrics: ["e2e.cycle_s"],
                    limit: .maxWorsening(0.1)),
                RegressionRule(
                    name: "speedup-floor", title: "parallel speedup", metrics: ["parallel.speedup"], limit: .bound(2)),
                RegressionRule(
                    name: "cleanup_all.wall_s ceiling", title: "cleanup_all.wall_s", metrics: ["cleanup_all.wall_s"],
                    limit: .bound(5)),
            ])
        #expect(configuration.rules.count == 8)
        #expect(configuration.rules.first == .creationSlowdown(maxSlowdown: 0.15))
    }

    @Test func unknownTopLevelKeyIsNamed() {
        #expect(
            error(#"{"maxCreationSlowdwn": "20%"}"#)
                == "The configuration is invalid at \"maxCreationSlowdwn\": unknown key; the known keys here are statistic,"
                + " maxCreationSlowdown, minParallelEfficiency, noise, changePoints, rules.")
    }

    @Test func unknownKeyInsideARuleIsNamedWithItsIndex() {
        let message = error(
            #"{"rules": [{"metric": "e2e.cycle_s", "bound": 5}, {"metric": "e2e.cycle_s", "max": 0.1}]}"#)
        #expect(message?.hasPrefix("The configuration is invalid at \"rules[1].max\": unknown key") == true)
    }

    @Test func ambiguousThresholdsAreRefusedAsNumbersAndAsText() {
        #expect(
            error(#"{"maxCreationSlowdown": 20}"#)
                == "The configuration is invalid at \"maxCreationSlowdown\": 20 is ambiguous: write 20% for 20 percent,"
                + " or a fraction below 1 such as 0.2 for 20 percent.")
        #expect(error(#"{"maxCreationSlowdown": "20"}"#)?.contains("\"20\" is ambiguous") == true)
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "maxWorsening": "15"}]}"#)?.contains(
                "\"rules[0].maxWorsening\"") == true)
        #expect(error(#"{"minParallelEfficiency": 50}"#)?.contains("50 is above 1") == true)
    }

    @Test func jsonNumbersFollowTheSameRulesAsText() throws {
        #expect(try decode(#"{"maxCreationSlowdown": 0.0000001}"#).maxCreationSlowdown == 1e-7)
        #expect(try decode(#"{"minParallelEfficiency": 1}"#).minParallelEfficiency == 1)
        #expect(
            error(#"{"maxCreationSlowdown": -0.1}"#)
                == "The configuration is invalid at \"maxCreationSlowdown\": -0.1 is negative: a threshold is 0 or more."
        )
    }

    @Test func wrongTypesAreNamed() {
        #expect(
            error(#"{"statistic": 1}"#)
                == "The configuration is invalid at \"statistic\": expected a string, found a number.")
        #expect(
            error(#"{"rules": {}}"#)
                == "The configuration is invalid at \"rules\": expected an array of rules, found an object.")
        #expect(
            error(#"{"noise": {"requiredForAlerts": "yes"}}"#)
                == "The configuration is invalid at \"noise.requiredForAlerts\": expected true or false, found a string."
        )
        #expect(
            error(#"{"noise": {"resamples": 20.5}}"#)
                == "The configuration is invalid at \"noise.resamples\": expected a whole number, 0 or more, found a number."
        )
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "bound": "5 s"}]}"#)?.contains(
                "\"rules[0].bound\": expected a number in the metric's unit (s), found a string.") == true)
        #expect(error("[]") == "The configuration is invalid at its top level: expected an object, found an array.")
    }

    @Test func badValuesAreNamed() throws {
        #expect(
            error(#"{"statistic": "total"}"#)
                == "The configuration is invalid at \"statistic\": \"total\" is not median or mean.")
        #expect(
            error(#"{"noise": {"confidence": 1}}"#)
                == "The configuration is invalid at \"noise.confidence\": must be above 0 and below 1 (or 0% … 100%).")
        #expect(error(#"{"noise": {"alpha": "0%"}}"#)?.contains("\"noise.alpha\": must be above 0") == true)
        #expect(
            error(#"{"noise": {"resamples": 10}}"#)
                == "The configuration is invalid at \"noise.resamples\": 10 is not between 100 and 1000000.")
        #expect(
            error(#"{"rules": [{"metric": "cycle", "bound": 1}]}"#)?.contains("\"cycle\" is not a metric name") == true)
        #expect(
            error(#"{"rules": [{"bound": 1}]}"#)
                == "The configuration is invalid at \"rules[0].metric\": is missing: name the metric the rule watches.")
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "bound": 1, "name": " "}]}"#)
                == "The configuration is invalid at \"rules[0].name\": is empty.")
        // A ceiling below 0 s would always alert; an overhead in percent can be below 0.
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "bound": -1}]}"#)
                == "The configuration is invalid at \"rules[0].bound\": is below 0, which no value in the metric's unit (s) can be."
        )
        #expect(
            try decode(#"{"rules": [{"metric": "warm.overhead_pct", "bound": -5}]}"#).extraRules.first?.limit
                == .bound(-5))
        // A number JSON can write but no Double holds.
        #expect(
            error(#"{"rules": [{"metric": "e2e.cycle_s", "bound": 1e999}]}"#)?.contains(
                "\"rules[0].bound\": is a number too large, or too close to 0, to be read exactly") == true)
        #expect(
            error(#"{"maxCreationSlowdown": 1e999}"#)?.contains(
                "\"maxCreationSlowdown\": is a number too large, or too close to 0, to be read exactly") == true)
        // Nor one so small that it would read as 0 (not "too large").
        #expect(
            error(#"{"maxCreationSlowdown": 1e-400}"#)?.contains(
                "\"maxCreationSlowdown\": is a number too large, or too close to 0, to be read exactly") == true)
    }

    @Test func aRuleHasExactlyOneLimit() {
        let both = #"{"rules": [{"metric": "e2e.cycle_s", "bound": 5, "maxWorsening": "10%"}]}"#
        let neither = #"{"rules": [{"metric": "e2e.cycle_s"}]}"#
        for json in [both, neither] {
            #expect(
                error(json)
                    == "The configuration is invalid at \"rules[0]\": a rule has exactly one of maxWorsening or bound.")
        }
    }

    @Test func ruleNamesAreUnique() {
        #expect(
            error(#"{"rules": [{"name": "creation-slowdown", "metric": "e2e.cycle_s", "bound": 5}]}"#)
                == "The configuration is invalid at \"rules[0].name\": \"creation-slowdown\" is already the name of another rule."
        )
        let twice = #"{"rules": [{"metric": "e2e.cycle_s", "bound": 5}, {"metric": "e2e.cycle_s", "bound": 6}]}"#
        #expect(error(twice)?.contains("\"rules[1].name\": \"e2e.cycle_s ceiling\" is already the name") == true)
    }

    /// Foundation keeps the first of two equal keys, other tools the last: a threshold given twice
    /// (1000 %, then 20 %) must not quietly become the lenient one.
    @Test func aKeyGivenTwiceIsRefusedAtItsPath() throws {
        let twice = #"{"maxCreationSlowdown": "1000%", "maxCreationSlowdown": "20%"}"#
        #expect(
            error(twice)?.hasPrefix("The configuration is invalid at \"maxCreationSlowdown\": the key appears twice")
                == true)
        let nested = #"{"rules": [{"metric": "e2e.cycle_s", "bound": 5, "bound": 50}]}"#
        #expect(error(nested)?.contains("at \"rules[0].bound\": the key appears twice") == true)
        let escaped = #"{"noise": {"alpha": 0.5, "\u0061lpha": 0.01}}"#
        #expect(error(escaped)?.contains("at \"noise.alpha\"") == true)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("regression.json")
        try Data(twice.utf8).write(to: URL(fileURLWithPath: path))
        let fromFile = #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(contentsOf: URL(fileURLWithPath: path))
        }
        #expect(
            fromFile?.description.hasPrefix("The configuration file \(path) is invalid at \"maxCreationSlowdown\"")
                == true)
    }

    @Test func invalidJSONSaysSoOnOneLine() {
        #expect(
            error("{\"statistic\": \n median}")
                == "The configuration is not valid JSON: expected a value (an object, array, string, number, true, "
                + "false or null) at line 2, column 2.")
        #expect(
            error("{")
                == "The configuration is not valid JSON: the text ends inside an object or array at line 1, column 2.")
    }

    @Test func unreadableFileIsBadInput() {
        let url = URL(fileURLWithPath: "/nonexistent/sandbox-bench/regression.json")
        let error = #expect(throws: RegressionInputError.self) { try RegressionConfiguration(contentsOf: url) }
        #expect(
            error?.description
                == "Cannot read the configuration file /nonexistent/sandbox-bench/regression.json: it does not exist.")
        let directory = #expect(throws: RegressionInputError.self) {
            try RegressionConfiguration(contentsOf: URL(fileURLWithPath: NSTemporaryDirectory()))
        }
        #expect(directory?.description.hasSuffix(": it is a directory.") == true)
    }
}
