import BenchModel
import Foundation

/// The configuration file's shape (docs/regression.md) is the configuration's `Codable` form:
/// decoding is the file reader, and encoding writes a file that decodes to an equal value. The
/// default rules are not written: they follow from the thresholds.
extension RegressionConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case statistic, maxCreationSlowdown, minParallelEfficiency, noise, changePoints, rules
    }

    /// Reads a configuration file's contents; `source` names the file in errors. Keys it does not
    /// set keep their defaults; an unknown key, a key twice, a value of the wrong type or an
    /// ambiguous threshold is a `RegressionInputError` naming the key.
    package init(json data: Data, source: String? = nil) throws {
        do {
            self = try StrictJSONDecoder().decode(Self.self, from: data)
        } catch {
            throw RegressionInputError(decoding: error, source: source)
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.configurationObject(CodingKeys.self)
        self.init()
        if container.contains(.statistic) {
            let text = try container.string(.statistic)
            guard let statistic = try? SummaryStatistic(parsing: text, option: "statistic") else {
                throw container.refusal("\"\(text)\" is not median or mean.", at: .statistic)
            }
            self.statistic = statistic
        }
        if container.contains(.maxCreationSlowdown) {
            maxCreationSlowdown = try container.threshold(.maxCreationSlowdown, ThresholdText.relativeChange)
        }
        if container.contains(.minParallelEfficiency) {
            minParallelEfficiency = try container.threshold(.minParallelEfficiency, ThresholdText.fraction)
        }
        if container.contains(.noise) {
            noise = try container.decode(NoiseSettings.self, forKey: .noise)
        }
        if container.contains(.changePoints) {
            changePoints = try container.decode(ChangePointSettings.self, forKey: .changePoints)
        }
        if container.contains(.rules) {
            extraRules = try Self.extraRules(in: container)
        }
    }

    /// The extra rules, whose names must differ from each other and from the default rules'.
    private static func extraRules(in container: KeyedDecodingContainer<CodingKeys>) throws -> [RegressionRule] {
        var elements: any UnkeyedDecodingContainer
        do {
            elements = try container.nestedUnkeyedContainer(forKey: .rules)
        } catch {
            throw container.mismatch(.rules, expected: "an array of rules")
        }
        var names = defaultRuleNames
        var rules: [RegressionRule] = []
        while !elements.isAtEnd {
            let index = elements.currentIndex
            let rule = try elements.decode(RegressionRule.self)
            guard names.insert(rule.name).inserted else {
                throw DecodingError.refusal(
                    "\"\(rule.name)\" is already the name of another rule.",
                    at: elements.codingPath + [ConfigurationKey(index: index), RegressionRule.CodingKeys.name])
            }
            rules.append(rule)
        }
        return rules
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statistic.rawValue, forKey: .statistic)
        try container.encode(relativeChange: maxCreationSlowdown, forKey: .maxCreationSlowdown)
        try container.encode(minParallelEfficiency, forKey: .minParallelEfficiency)
        try container.encode(noise, forKey: .noise)
        try container.encode(changePoints, forKey: .changePoints)
        try container.encode(extraRules, forKey: .rules)
    }
}
