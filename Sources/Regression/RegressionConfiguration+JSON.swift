import BenchModel
import Foundation

extension RegressionConfiguration {
    /// Reads a configuration file (shape in docs/regression.md). Keys it does not set keep their defaults;
    /// an unknown key, a value of the wrong type or an ambiguous threshold is a `.badInput` error
    /// naming the key.
    public init(json data: Data) throws {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RegressionInputError("The configuration is not valid JSON: \(Self.syntaxProblem(in: data))")
        }
        self = try ConfigurationReader().configuration(from: root)
    }

    /// JSONDecoder on Linux only says "The given data was not valid JSON."; JSONSerialization
    /// says where ("Invalid value around character 16.").
    private static func syntaxProblem(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        return "the parser gave no detail."
    }

    /// Reads the configuration file at `url`.
    public init(contentsOf url: URL) throws {
        var isDirectory: ObjCBool = false
        let problem: String? =
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                "it does not exist."
            } else if isDirectory.boolValue {
                "it is a directory."
            } else {
                nil
            }
        if let problem { throw RegressionInputError("Cannot read the configuration file \(url.path): \(problem)") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying?.localizedDescription ?? (error as NSError).localizedDescription
            throw RegressionInputError("Cannot read the configuration file \(url.path): \(reason)")
        }
        try self.init(json: data)
    }
}

/// Walks the untyped document, keeping the path of every value for error sentences.
private struct ConfigurationReader {
    typealias Failure = RegressionInputError

    static let topLevelKeys = ["statistic", "maxCreationSlowdown", "minParallelEfficiency", "noise", "rules"]
    static let noiseKeys = ["alpha", "confidence", "resamples", "minimumEffect", "seed", "requiredForAlerts"]
    static let ruleKeys = ["name", "title", "metric", "maxWorsening", "bound"]

    func configuration(from root: JSONValue) throws -> RegressionConfiguration {
        var configuration = RegressionConfiguration()
        let fields = try object(root, at: "", allowing: Self.topLevelKeys)
        if let value = fields["statistic"] {
            let text = try string(value, at: "statistic")
            guard let statistic = try? SummaryStatistic(parsing: text) else {
                throw Failure.invalidConfiguration(key: "statistic", reason: "\"\(text)\" is not median or mean.")
            }
            configuration.statistic = statistic
        }
        if let value = fields["maxCreationSlowdown"] {
            configuration.maxCreationSlowdown = try threshold(value, at: "maxCreationSlowdown", ThresholdText.relativeChange)
        }
        if let value = fields["minParallelEfficiency"] {
            configuration.minParallelEfficiency = try threshold(value, at: "minParallelEfficiency", ThresholdText.fraction)
        }
        if let value = fields["noise"] { configuration.noise = try noise(value) }
        if let value = fields["rules"] { configuration.extraRules = try rules(value) }
        return configuration
    }

    private func noise(_ value: JSONValue) throws -> NoiseSettings {
        var settings = NoiseSettings()
        let fields = try object(value, at: "noise", allowing: Self.noiseKeys)
        if let value = fields["alpha"] {
            settings.alpha = try openFraction(value, at: "noise.alpha")
        }
        if let value = fields["confidence"] {
            settings.confidence = try openFraction(value, at: "noise.confidence")
        }
        if let value = fields["minimumEffect"] {
            settings.minimumEffect = try threshold(value, at: "noise.minimumEffect", ThresholdText.relativeChange)
        }
        if let value = fields["resamples"] {
            let count = try integer(value, at: "noise.resamples")
            guard (100...1_000_000).contains(count) else {
                throw Failure.invalidConfiguration(key: "noise.resamples", reason: "\(count) is not between 100 and 1000000.")
            }
            settings.resamples = Int(count)
        }
        if let value = fields["seed"] {
            settings.seed = UInt64(try integer(value, at: "noise.seed"))
        }
        if let value = fields["requiredForAlerts"] {
            guard case .bool(let flag) = value else { throw mismatch(value, at: "noise.requiredForAlerts", expected: "true or false") }
            settings.requiredForAlerts = flag
        }
        return settings
    }

    private func rules(_ value: JSONValue) throws -> [RegressionRule] {
        guard case .array(let elements) = value else { throw mismatch(value, at: "rules", expected: "an array of rules") }
        var names = RegressionConfiguration.defaultRuleNames
        return try elements.enumerated().map { index, element in
            let rule = try self.rule(element, at: "rules[\(index)]")
            guard names.insert(rule.name).inserted else {
                throw Failure.invalidConfiguration(
                    key: "rules[\(index)].name", reason: "\"\(rule.name)\" is already the name of another rule.")
            }
            return rule
        }
    }

    private func rule(_ value: JSONValue, at path: String) throws -> RegressionRule {
        let fields = try object(value, at: path, allowing: Self.ruleKeys)
        guard let metricValue = fields["metric"] else {
            throw Failure.invalidConfiguration(key: "\(path).metric", reason: "is missing: name the metric the rule watches.")
        }
        let metricName = try string(metricValue, at: "\(path).metric")
        guard metricName.contains("."), !metricName.hasPrefix("."), !metricName.hasSuffix("."),
            !metricName.contains(where: { $0.isWhitespace })
        else {
            throw Failure.invalidConfiguration(
                key: "\(path).metric", reason: "\"\(metricName)\" is not a metric name such as creation.create_start_s.")
        }
        let metric = MetricID(metricName)
        let limit: RegressionRule.Limit
        switch (fields["maxWorsening"], fields["bound"]) {
        case (let worsening?, nil):
            limit = .maxWorsening(try threshold(worsening, at: "\(path).maxWorsening", ThresholdText.relativeChange))
        case (nil, let bound?):
            guard case .number(let number) = bound, number.isFinite else {
                throw mismatch(bound, at: "\(path).bound", expected: "a number in the metric's unit (\(metric.unit.rawValue))")
            }
            limit = .bound(number)
        default:
            throw Failure.invalidConfiguration(key: path, reason: "a rule has exactly one of maxWorsening or bound.")
        }
        let kind = switch limit {
        case .maxWorsening: "max-worsening"
        case .bound: metric.direction == .smallerIsBetter ? "ceiling" : "floor"
        }
        let name = try fields["name"].map { try nonEmptyString($0, at: "\(path).name") } ?? "\(metricName) \(kind)"
        let title = try fields["title"].map { try nonEmptyString($0, at: "\(path).title") } ?? metricName
        return RegressionRule(name: name, title: title, metrics: [metric], limit: limit)
    }

    private func object(_ value: JSONValue, at path: String, allowing keys: [String]) throws -> [String: JSONValue] {
        guard case .object(let fields) = value else { throw mismatch(value, at: path, expected: "an object") }
        if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
            let key = path.isEmpty ? unknown : "\(path).\(unknown)"
            throw Failure.invalidConfiguration(
                key: key, reason: "unknown key; the known keys here are \(keys.joined(separator: ", ")).")
        }
        return fields
    }

    private func string(_ value: JSONValue, at path: String) throws -> String {
        guard case .string(let text) = value else { throw mismatch(value, at: path, expected: "a string") }
        return text
    }

    private func nonEmptyString(_ value: JSONValue, at path: String) throws -> String {
        let text = try string(value, at: path).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Failure.invalidConfiguration(key: path, reason: "is empty.") }
        return text
    }

    private func integer(_ value: JSONValue, at path: String) throws -> UInt64 {
        guard case .number(let number) = value, number >= 0, number == number.rounded(), number < 0x1p53 else {
            throw mismatch(value, at: path, expected: "a whole number, 0 or more")
        }
        return UInt64(number)
    }

    /// A threshold given as text ("20%") or as a JSON number (0.2), read by the same rules as the flags.
    private func threshold(_ value: JSONValue, at path: String, _ read: (ThresholdText.Number) throws -> Double)
        throws -> Double
    {
        let shown: String
        let number: () throws -> ThresholdText.Number
        switch value {
        case .string(let text):
            shown = "\"\(text)\""
            number = { try ThresholdText.parse(text) }
        case .number(let value):
            shown = ThresholdText.Number.literal(value)
            number = { try ThresholdText.Number(json: value) }
        default:
            throw mismatch(value, at: path, expected: "a percentage such as \"20%\" or a fraction such as 0.2")
        }
        do {
            return try read(number())
        } catch let rejection as ThresholdText.Rejection {
            throw Failure.invalidConfiguration(key: path, reason: "\(shown) \(rejection.reason)")
        }
    }

    /// A probability such as alpha or a confidence level: strictly between 0 and 1.
    private func openFraction(_ value: JSONValue, at path: String) throws -> Double {
        let fraction = try threshold(value, at: path, ThresholdText.fraction)
        guard fraction > 0, fraction < 1 else {
            throw Failure.invalidConfiguration(key: path, reason: "must be above 0 and below 1 (or 0% … 100%).")
        }
        return fraction
    }

    private func mismatch(_ value: JSONValue, at path: String, expected: String) -> Failure {
        Failure.invalidConfiguration(key: path, reason: "expected \(expected), found \(value.kindDescription).")
    }
}
