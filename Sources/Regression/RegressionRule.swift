import BenchModel

/// A condition on one or more metrics that raises an alert when the candidate breaks it.
package struct RegressionRule: Sendable, Hashable {
    /// A stable identifier, used as the JUnit class name: `creation-slowdown`.
    package var name: String
    /// What the rule watches, in words, for sentences: "creation time".
    package var title: String
    /// Each metric is checked on its own; one outcome per metric.
    package var metrics: [MetricID]
    package var limit: Limit

    package enum Limit: Sendable, Hashable {
        /// Alert when the candidate is worse than the baseline by more than this fraction
        /// (0.2 = 20 %), "worse" following the metric's direction. Needs a baseline.
        case maxWorsening(Double)
        /// Alert when the candidate crosses this value, in the metric's unit: a ceiling for a
        /// smaller-is-better metric, a floor for a larger-is-better one. Needs no baseline.
        case bound(Double)
    }

    package init(name: String, title: String, metrics: [MetricID], limit: Limit) {
        self.name = name
        self.title = title
        self.metrics = metrics
        self.limit = limit
    }

    /// The first default rule: creation more than `maxSlowdown` slower than the baseline.
    package static func creationSlowdown(maxSlowdown: Double = 0.20) -> RegressionRule {
        RegressionRule(
            name: "creation-slowdown", title: "creation time", metrics: [Metric.creation.createStart.id],
            limit: .maxWorsening(maxSlowdown))
    }

    /// The second default rule: parallel efficiency (speedup / N) below `floor`.
    package static func parallelEfficiency(floor: Double = 0.50) -> RegressionRule {
        RegressionRule(
            name: "parallel-efficiency", title: "parallel efficiency", metrics: [Metric.parallel.efficiency.id],
            limit: .bound(floor))
    }

    /// The third default rule: any cleanup failure. Count metrics are compared by their total
    /// over all samples, so a single failing iteration alerts.
    package static let cleanupFailures = RegressionRule(
        name: "cleanup-failures", title: "cleanup failures",
        metrics: [
            Metric.cleanup.failures, Metric.cleanupAll.failures, Metric.e2e.failures, Metric.run.leftoverContainers,
        ]
        .map(\.id),
        limit: .bound(0))

    /// The sandbox must hold its isolation: any property the security spec's probe finds broken
    /// (a network interface, a writable root, a capability, ...) is an alert.
    package static let isolationViolations = RegressionRule(
        name: "isolation-violations", title: "isolation violations", metrics: [Metric.security.violations.id],
        limit: .bound(0))

    /// Containers the parallel spec starts at once; a host with fewer CPUs cannot reach full efficiency.
    package static let parallelContainerCount = ParallelBatch.containers
}

/// A limit inside a rule outcome (`diff --format json`, the report JSON): `{"maxWorsening": 0.2}`
/// or `{"bound": 0.5}`, the keys a rule in the configuration file uses. Numbers only, for scripts.
extension RegressionRule.Limit: Codable {
    private enum CodingKeys: String, CodingKey {
        case maxWorsening
        case bound
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let fraction = try container.decodeIfPresent(Double.self, forKey: .maxWorsening) {
            self = .maxWorsening(fraction)
        } else {
            self = .bound(try container.decode(Double.self, forKey: .bound))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .maxWorsening(let fraction): try container.encode(fraction, forKey: .maxWorsening)
        case .bound(let value): try container.encode(value, forKey: .bound)
        }
    }
}
