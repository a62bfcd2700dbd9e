/// Whether a smaller or a larger value of a metric is the better one.
package enum Direction: String, Sendable, Codable, CaseIterable {
    case smallerIsBetter = "smaller"
    case largerIsBetter = "larger"
}

/// The unit a metric is measured in; the raw value is what the database and the reports show.
package enum MetricUnit: String, Sendable, Codable, CaseIterable {
    case seconds = "s"
    case percent = "%"
    /// A dimensionless ratio such as a speedup (2.0 = twice as fast) or an efficiency (0.5 = 50 %).
    case ratio = "ratio"
    case count = "count"

    /// Whether `value` can be a measurement in this unit: finite; a time, ratio or count never
    /// below 0 (only an overhead in percent can be, when the sandbox was faster); a count whole.
    package func admits(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .percent: return true
        case .seconds, .ratio: return value >= 0
        case .count: return value >= 0 && value.rounded() == value
        }
    }

    /// What ``admits(_:)`` asks of a value, for an error message.
    package var admissibleValues: String {
        switch self {
        case .percent: "a finite number"
        case .seconds: "a time of 0 s or more"
        case .ratio: "a finite ratio of 0 or more"
        case .count: "a whole count of 0 or more"
        }
    }
}
