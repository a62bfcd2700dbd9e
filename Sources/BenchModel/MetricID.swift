/// A metric's stable name, as the database, baseline files, reports and Prometheus keep it:
/// `creation.create_start_s`, the spec before the first dot, the measured quantity after it.
///
/// A name is only a name: what the metric is — unit, direction, kind, meaning — is its
/// declaration (``Metric``), found in the ``MetricCatalogue`` (``declaration``). A name this
/// version does not declare (read back from another version's database or baseline file) has
/// the declaration ``Metric/undeclared(_:)`` gives it.
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

    package static func < (lhs: MetricID, rhs: MetricID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the metric is: its declaration in the catalogue, or, for a name this version does not
    /// declare, ``Metric/undeclared(_:)``.
    package var declaration: Metric { MetricCatalogue.declaration(of: self) ?? .undeclared(self) }

    /// The declaration's unit.
    package var unit: MetricUnit { declaration.unit }

    /// The declaration's direction.
    package var direction: Direction { declaration.direction }
}

extension MetricID {
    /// Shorthands for the names of the metrics the default rules watch, each its declaration's name.
    package static let creationTime = Metric.creation.createStart.id
    package static let parallelEfficiency = Metric.parallel.efficiency.id
    package static let cleanupFailures = Metric.cleanup.failures.id
    package static let e2eFailures = Metric.e2e.failures.id
    package static let cleanupAllFailures = Metric.cleanupAll.failures.id
    package static let leftoverContainers = Metric.run.leftoverContainers.id
}
