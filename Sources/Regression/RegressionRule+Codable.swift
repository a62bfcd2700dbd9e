import BenchModel

/// A rule as the configuration file writes it: `name`, `title`, `metric`, and `maxWorsening` or
/// `bound` (the keys of `Limit` in rule outcomes). A rule that watches several metrics, such as
/// the default cleanup rule, lists them in `metrics`; reading accepts either key, writing uses
/// `metric` when there is one metric.
extension RegressionRule: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, title, metric, metrics, maxWorsening, bound
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.configurationObject(CodingKeys.self)
        let metrics = try Self.metrics(in: container, at: decoder.codingPath)
        let limit: Limit
        switch (container.contains(.maxWorsening), container.contains(.bound)) {
        case (true, false):
            limit = .maxWorsening(try container.threshold(.maxWorsening, ThresholdText.relativeChange))
        case (false, true):
            guard let bound = try? container.decode(Double.self, forKey: .bound) else {
                throw container.mismatch(.bound, expected: "a number in \(Self.units(of: metrics))")
            }
            guard bound.isFinite else {
                throw DecodingError.refusal(
                    "is too large to be a limit in \(Self.units(of: metrics)).",
                    at: decoder.codingPath + [CodingKeys.bound])
            }
            // A time, a ratio or a count is never below 0: such a ceiling would always alert, such a floor never.
            guard bound >= 0 || metrics.allSatisfy({ $0.unit == .percent }) else {
                throw DecodingError.refusal(
                    "is below 0, which no value in \(Self.units(of: metrics)) can be.",
                    at: decoder.codingPath + [CodingKeys.bound])
            }
            limit = .bound(bound)
        default:
            throw DecodingError.refusal("a rule has exactly one of maxWorsening or bound.", at: decoder.codingPath)
        }
        let name: String
        if container.contains(.name) {
            name = try container.nonEmptyString(.name)
        } else if let metric = metrics.only {
            name = "\(metric) \(Self.kind(of: limit, on: metric))"
        } else {
            throw container.refusal("is missing: a rule that watches several metrics needs a name.", at: .name)
        }
        let title = try container.contains(.title) ? container.nonEmptyString(.title) : metrics.only?.rawValue ?? name
        self.init(name: name, title: title, metrics: metrics, limit: limit)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(title, forKey: .title)
        if let metric = metrics.only {
            try container.encode(metric, forKey: .metric)
        } else {
            try container.encode(metrics, forKey: .metrics)
        }
        switch limit {
        case .maxWorsening(let fraction): try container.encode(relativeChange: fraction, forKey: .maxWorsening)
        case .bound(let bound): try container.encode(bound, forKey: .bound)
        }
    }

    private static func metrics(
        in container: KeyedDecodingContainer<CodingKeys>, at rulePath: [any CodingKey]
    ) throws -> [MetricID] {
        switch (container.contains(.metric), container.contains(.metrics)) {
        case (true, false):
            return [try container.decode(MetricName.self, forKey: .metric).id]
        case (false, true):
            let names: [MetricName]
            do {
                names = try container.decode([MetricName].self, forKey: .metrics)
            } catch let error as DecodingError where error.isRefusal {
                throw error
            } catch {
                throw container.mismatch(.metrics, expected: "an array of metric names")
            }
            guard !names.isEmpty else {
                throw container.refusal("is empty: name the metrics the rule watches.", at: .metrics)
            }
            let metrics = names.map(\.id)
            if let twice = metrics.enumerated().first(where: { metrics[..<$0.offset].contains($0.element) })?.element {
                throw container.refusal("names \"\(twice)\" twice.", at: .metrics)
            }
            return metrics
        case (true, true):
            throw DecodingError.refusal("a rule has metric or metrics, not both.", at: rulePath)
        case (false, false):
            throw container.refusal("is missing: name the metric the rule watches.", at: .metric)
        }
    }

    /// The default name's last word: "e2e.cycle_s ceiling".
    private static func kind(of limit: Limit, on metric: MetricID) -> String {
        switch limit {
        case .maxWorsening: "max-worsening"
        case .bound: metric.direction == .smallerIsBetter ? "ceiling" : "floor"
        }
    }

    /// "the metric's unit (s)", for the sentence that refuses a bound that is not a number.
    private static func units(of metrics: [MetricID]) -> String {
        let units = metrics.map(\.unit.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if metrics.count == 1 { return "the metric's unit (\(units[0]))" }
        return units.count == 1
            ? "the metrics' unit (\(units[0]))" : "the metrics' units (\(units.joined(separator: ", ")))"
    }
}

/// A metric name in a rule: one the suite records (`MetricCatalogue`), such as
/// `creation.create_start_s`. A rule on any other name could never fire: it is refused with the
/// nearest known name and the list of them.
private struct MetricName: Decodable {
    let id: MetricID

    init(from decoder: any Decoder) throws {
        guard let text = try? decoder.singleValueContainer().decode(String.self) else {
            throw decoder.mismatch(expected: "a string")
        }
        guard text.contains("."), !text.hasPrefix("."), !text.hasSuffix("."), !text.contains(where: \.isWhitespace)
        else {
            throw DecodingError.refusal(
                "\"\(text)\" is not a metric name such as creation.create_start_s.", at: decoder.codingPath)
        }
        guard MetricCatalogue.contains(MetricID(text)) else {
            let suggestion = MetricCatalogue.nearest(to: text).map { "did you mean \($0)? " } ?? ""
            throw DecodingError.refusal(
                "\"\(text)\" is not a metric sandbox-bench records; \(suggestion)The known metrics: "
                    + MetricCatalogue.names.map(\.rawValue).joined(separator: ", ") + ".",
                at: decoder.codingPath)
        }
        id = MetricID(text)
    }
}

extension Array {
    /// The element of a one-element array; nil for any other count.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
