import BenchModel

extension RegressionConfiguration {
    /// The settings in which this configuration differs from `other`, each in the words of the
    /// configuration file (its keys, which the command line's options set too):
    /// `maxCreationSlowdown 10 %`, `statistic mean`, `noise.alpha 0.01`,
    /// `rule e2e.cycle_s max-worsening (15 %)`. Empty when they agree.
    ///
    /// What a view says a decision was made with (against the defaults), and what a re-evaluation
    /// changed (against the stored decision).
    package func settingsDiffering(from other: RegressionConfiguration) -> [String] {
        var settings: [String] = []
        if maxCreationSlowdown != other.maxCreationSlowdown {
            settings.append("maxCreationSlowdown \(ValueFormat.percentage(maxCreationSlowdown))")
        }
        if minParallelEfficiency != other.minParallelEfficiency {
            settings.append("minParallelEfficiency \(Self.plain(minParallelEfficiency))")
        }
        if statistic != other.statistic { settings.append("statistic \(statistic.rawValue)") }
        settings += noise.settingsDiffering(from: other.noise)
        let otherRules = Set(other.extraRules)
        settings += extraRules.filter { !otherRules.contains($0) }.map { "rule \($0.name) (\($0.limitText))" }
        let rules = Set(extraRules)
        settings += other.extraRules.filter { !rules.contains($0) }.map { "without rule \($0.name)" }
        return settings
    }

    /// A number as people write it: 0.3, 2, 0.125.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

extension NoiseSettings {
    func settingsDiffering(from other: NoiseSettings) -> [String] {
        var settings: [String] = []
        if alpha != other.alpha { settings.append("noise.alpha \(RegressionConfiguration.plain(alpha))") }
        if confidence != other.confidence { settings.append("noise.confidence \(ValueFormat.percentage(confidence))") }
        if resamples != other.resamples { settings.append("noise.resamples \(resamples)") }
        if minimumEffect != other.minimumEffect {
            settings.append("noise.minimumEffect \(ValueFormat.percentage(minimumEffect))")
        }
        if seed != other.seed { settings.append("noise.seed \(seed)") }
        if requiredForAlerts != other.requiredForAlerts {
            settings.append("noise.requiredForAlerts \(requiredForAlerts)")
        }
        if paired != other.paired { settings.append("noise.paired \(paired)") }
        return settings
    }
}

extension RegressionRule {
    /// "max-worsening 15 %", "ceiling 5 s", "floor 2"
    var limitText: String {
        let unit = metrics.first?.unit
        switch limit {
        case .maxWorsening(let fraction):
            return "max-worsening \(ValueFormat.percentage(fraction))"
        case .bound(let value):
            let text = unit.map { ValueFormat.value(value, unit: $0) } ?? RegressionConfiguration.plain(value)
            return (metrics.first?.direction == .largerIsBetter ? "floor " : "ceiling ") + text
        }
    }
}

extension GateDecision {
    /// The settings the decision was made with that are not the defaults: the configuration's
    /// differences, then the configuration file with its hash. Empty for the default rules.
    package var nonDefaultSettings: [String] {
        var settings = configuration.settingsDiffering(from: RegressionConfiguration())
        if let file = configurationFile {
            settings.append("the configuration file \(file.path) (\(file.shortHash))")
        }
        return settings
    }

    /// "made with maxCreationSlowdown 10 % and the configuration file gate.json (sha256:1a2b3c4d5e6f)",
    /// or "made with the default rules": how every view of a gated run says under which limits
    /// its verdict was reached. The report's verdict box and the command line share this sentence.
    package var madeWith: String {
        let settings = nonDefaultSettings
        guard !settings.isEmpty else { return "made with the default rules" }
        return "made with " + Self.list(settings)
    }

    /// How a re-evaluation differs from the stored decision, after "Re-evaluated": "with
    /// maxCreationSlowdown 10 %, against run 7 instead of …", or only the baseline part.
    package static func reevaluation(_ changes: [String]) -> String {
        let baseline = changes.filter { $0.hasPrefix("against ") }
        let settings = changes.filter { !$0.hasPrefix("against ") }
        return ((settings.isEmpty ? [] : ["with " + list(settings)]) + baseline).joined(separator: ", ")
    }

    /// "a", "a and b", "a, b and c"
    package static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

extension GateDecision.ConfigurationFile {
    /// The hash shortened for sentences: "sha256:1a2b3c4d5e6f".
    package var shortHash: String { String(sha256.prefix("sha256:".count + 12)) }
}
