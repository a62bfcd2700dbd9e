/// The metrics one spec (or a few specs alike) declares: a value whose stored properties are its
/// metrics (``Metric``) and families of metrics (``MetricFamily``).
///
/// ``all`` reads them from the group itself, with `Mirror`, in the order they are declared: so a
/// declaration is the only place a metric is named, and no list beside it can forget one.
package protocol MetricGroup: Sendable {}

extension MetricGroup {
    /// Every metric the group declares, in declaration order; families declared one after
    /// another are listed parameter by parameter (`scaling.n1.wall_s`, `scaling.n1.efficiency`,
    /// …, `scaling.n2.wall_s`), the order of the catalogue since its first version.
    package var all: [Metric] {
        var metrics: [Metric] = []
        var families: [[Metric]] = []
        func flush() {
            for index in 0..<(families.map(\.count).max() ?? 0) {
                metrics += families.compactMap { index < $0.count ? $0[index] : nil }
            }
            families = []
        }
        for child in Mirror(reflecting: self).children {
            if let family = child.value as? any MetricFamilyMembers {
                families.append(family.members)
            } else if let metric = child.value as? Metric {
                flush()
                metrics.append(metric)
            }
        }
        flush()
        return metrics
    }
}

/// A parameter of a family of metrics: the cases it is recorded for, and how each reads in the name.
package protocol MetricParameter: CaseIterable, Hashable, Sendable {
    /// How the parameter reads in a metric's name: `512m`, `10`, `default`.
    var nameComponent: String { get }
}

extension MetricParameter where Self: RawRepresentable, RawValue == String {
    package var nameComponent: String { rawValue }
}

extension MetricParameter where Self: RawRepresentable, RawValue == Int {
    package var nameComponent: String { String(rawValue) }
}

/// The members of a family, whatever its parameter.
package protocol MetricFamilyMembers: Sendable {
    var pattern: String { get }
    var members: [Metric] { get }
}

/// Metrics alike but for a parameter, declared once: `scaling.n<N>.wall_s` for N = 1, 2, 5, 10.
/// The name of each member is the pattern with its angle-bracketed part replaced by the
/// parameter (``MetricParameter/nameComponent``); a member is `family(parameter)`.
package struct MetricFamily<Parameter: MetricParameter>: MetricFamilyMembers {
    /// The members' names, the parameter in angle brackets: `memory_limit.<size>.cycle_s`.
    package let pattern: String
    private let declare: @Sendable (String, Parameter) -> Metric

    /// `declare` makes the member of a parameter from its name.
    package init(_ pattern: String, _ declare: @escaping @Sendable (_ name: String, _ parameter: Parameter) -> Metric) {
        self.pattern = pattern
        self.declare = declare
    }

    /// The member of `parameter`.
    package func callAsFunction(_ parameter: Parameter) -> Metric {
        var metric = declare(Self.name(pattern, parameter.nameComponent), parameter)
        metric.family = pattern
        return metric
    }

    /// Every member, in the parameter's order.
    package var members: [Metric] { Parameter.allCases.map(callAsFunction) }

    /// `pattern` with its `<…>` part replaced by `component`.
    static func name(_ pattern: String, _ component: String) -> String {
        guard let open = pattern.firstIndex(of: "<"), let close = pattern[open...].firstIndex(of: ">") else {
            return pattern
        }
        return String(pattern[..<open]) + component + String(pattern[pattern.index(after: close)...])
    }
}
