import BenchModel

/// The rules a comparison applies and how it treats noise. The defaults are the default rules:
/// creation more than 20 % slower than the baseline, parallel efficiency below 0.5, any cleanup
/// failure; any isolation violation; and any property of the isolation standard lost against
/// the baseline.
package struct RegressionConfiguration: Sendable, Hashable {
    /// Fraction: 0.2 = alert when creation is more than 20 % slower than the baseline.
    package var maxCreationSlowdown: Double
    /// Floor of `parallel.efficiency`, a ratio: 0.5 = 50 %.
    package var minParallelEfficiency: Double
    /// The statistic compared for every metric except counts, which use their total.
    package var statistic: SummaryStatistic
    /// Rules beyond the default ones, from the configuration file.
    package var extraRules: [RegressionRule]
    package var noise: NoiseSettings
    /// How a metric's history is searched for sustained shifts.
    package var changePoints: ChangePointSettings

    package init(
        maxCreationSlowdown: Double = 0.20, minParallelEfficiency: Double = 0.50, statistic: SummaryStatistic = .median,
        extraRules: [RegressionRule] = [], noise: NoiseSettings = NoiseSettings(),
        changePoints: ChangePointSettings = ChangePointSettings()
    ) {
        self.maxCreationSlowdown = maxCreationSlowdown
        self.minParallelEfficiency = minParallelEfficiency
        self.statistic = statistic
        self.extraRules = extraRules
        self.noise = noise
        self.changePoints = changePoints
    }

    /// The default rules with the configured thresholds, the isolation rule (the security spec's
    /// violations must be 0), then the extra rules.
    package var rules: [RegressionRule] {
        [
            .creationSlowdown(maxSlowdown: maxCreationSlowdown),
            .parallelEfficiency(floor: minParallelEfficiency),
            .cleanupFailures,
            .isolationViolations,
            .isolationWeakening,
        ] + extraRules
    }

    /// The names of the default rules, which extra rules may not reuse.
    package static let defaultRuleNames: Set<String> = Set(RegressionConfiguration().rules.map(\.name))
}
