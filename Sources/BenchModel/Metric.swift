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

/// A stable metric name such as `creation.create_start_s`: the spec before the first dot,
/// the measured quantity after it. The name alone determines unit and direction.
package struct MetricID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringInterpolation,
    CustomStringConvertible
{
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
    package init(stringLiteral value: String) { self.rawValue = value }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package var description: String { rawValue }

    /// The spec that produces the metric: everything before the first dot.
    package var spec: String {
        rawValue.split(separator: ".", maxSplits: 1).first.map(String.init) ?? rawValue
    }

    /// The last path component, which carries the unit suffix (`create_start_s`, `overhead_pct`, ...).
    package var quantity: String {
        rawValue.split(separator: ".").last.map(String.init) ?? rawValue
    }

    /// The unit implied by the name's suffix.
    package var unit: MetricUnit {
        let q = quantity
        if q.hasSuffix("_s") { return .seconds }
        if q.hasSuffix("_pct") { return .percent }
        if q == "failures" || q == "violations" || q.hasSuffix("_count") || q.hasSuffix("_containers") { return .count }
        return .ratio
    }

    /// Times, overheads and failure counts are better small; speedups and efficiencies are better large.
    package var direction: Direction {
        switch unit {
        case .seconds, .percent, .count: return .smallerIsBetter
        case .ratio: return .largerIsBetter
        }
    }

    package static func < (lhs: MetricID, rhs: MetricID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The lifecycle phases the metric's value is made of: create and start for the creation time,
    /// one phase for the per-phase metrics, the whole lifecycle for everything else. A change of
    /// the metric can only be explained by a move of one of these.
    package var measuredPhases: [LifecyclePhase] {
        switch rawValue {
        case "creation.create_start_s": return [.create, .start]
        case "creation.create_s": return [.create]
        case "creation.start_s": return [.start]
        case "cleanup.remove_s": return [.remove]
        case _ where quantity == "docker_s": return [.create, .start, .run, .logs]
        default: return LifecyclePhase.allCases
        }
    }
}

extension MetricID {
    /// The metrics the default regression rules watch.
    package static let creationTime: MetricID = "creation.create_start_s"
    package static let parallelEfficiency: MetricID = "parallel.efficiency"
    package static let cleanupFailures: MetricID = "cleanup.failures"
    package static let e2eFailures: MetricID = "e2e.failures"
    package static let cleanupAllFailures: MetricID = "cleanup_all.failures"
    /// Containers of a run still present on the engine after the run ended.
    package static let leftoverContainers: MetricID = "run.leftover_containers"
}

/// The original pytest suite's batch size: the parallel spec runs 5 sandboxes at once (efficiency = speedup / 5),
/// and cleanup_all removes 5 live containers.
package enum ParallelBatch {
    package static let containers = 5
}
