import BenchModel
import Foundation
import Regression
import Testing

@Suite struct GateDecisionTests {
    static func decision(_ configuration: RegressionConfiguration, file: GateDecision.ConfigurationFile? = nil)
        -> GateDecision
    {
        GateDecision(configuration: configuration, configurationFile: file, baseline: .none, outcomes: [])
    }

    @Test func aDecisionSaysWithWhichLimitsItWasMade() {
        #expect(Self.decision(RegressionConfiguration()).madeWith == "made with the default rules")
        #expect(
            Self.decision(RegressionConfiguration(maxCreationSlowdown: 0.10)).madeWith
                == "made with maxCreationSlowdown 10 %")
        let file = GateDecision.ConfigurationFile(path: "gate.json", content: "{\"minParallelEfficiency\": 0.3}")
        let configured = Self.decision(
            RegressionConfiguration(minParallelEfficiency: 0.3, statistic: .mean), file: file)
        #expect(
            configured.madeWith
                == "made with minParallelEfficiency 0.3, statistic mean and the configuration file gate.json (\(file.shortHash))"
        )
        #expect(file.shortHash.hasPrefix("sha256:") && file.shortHash.count == "sha256:".count + 12)
    }

    @Test func theDifferencesOfAReEvaluationNameEverySettingThatChanged() {
        var noise = NoiseSettings()
        noise.alpha = 0.01
        noise.requiredForAlerts = true
        let rule = RegressionRule(
            name: "e2e-slowdown", title: "e2e", metrics: ["e2e.cycle_s"], limit: .maxWorsening(0.15))
        let changed = RegressionConfiguration(maxCreationSlowdown: 0.3, extraRules: [rule], noise: noise)
        #expect(
            changed.settingsDiffering(from: RegressionConfiguration()) == [
                "maxCreationSlowdown 30 %", "noise.alpha 0.01", "noise.requiredForAlerts true",
                "rule e2e-slowdown (max-worsening 15 %)",
            ])
        #expect(RegressionConfiguration().settingsDiffering(from: changed).contains("without rule e2e-slowdown"))
        #expect(changed.settingsDiffering(from: changed).isEmpty)
    }

    /// An alert is dismissed only by a strict majority of re-runs that do not reproduce it.
    @Test(arguments: [
        (0, 1, true), (1, 1, false), (0, 2, true), (1, 2, false), (2, 2, false), (1, 3, true), (2, 3, false),
        (1, 4, true),
        (2, 4, false),
    ])
    func aTieNeverClearsAnAlert(reproduced: Int, requested: Int, dismissed: Bool) {
        #expect(GateDecision.Confirmation.dismisses(reproducedIn: reproduced, of: requested) == dismissed)
    }

    @Test func aDecisionReadsBackAsItWasStored() throws {
        let confirmation = GateDecision.Confirmation(
            requested: 2, runIDs: [7], reproduced: [:], note: "confirmation could not run (the engine is unreachable)")
        let decision = GateDecision(
            decidedAt: Date(timeIntervalSince1970: 1_767_232_800.123),
            configuration: RegressionConfiguration(maxCreationSlowdown: 0.1),
            baseline: BaselineReference(
                kind: "file", name: "nightly", label: "file nightly.json", runs: [.init(id: nil, uuid: UUID())]),
            outcomes: [], confirmation: confirmation)
        #expect(try GateDecision(document: try decision.document()) == decision)
    }
}
