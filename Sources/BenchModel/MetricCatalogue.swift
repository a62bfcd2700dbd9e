/// Every metric the suite declares, made of the specs' declarations (``Metric/creation``, …):
/// the names a spec may record and a rule in the configuration file may watch. A rule on any
/// other name could never fire, so the configuration refuses it and suggests the nearest known name.
package enum MetricCatalogue {
    /// Every declared metric: each spec's, in suite order, then the run's own.
    package static let all: [Metric] = inSpecOrder(Metric.groups.flatMap(\.all))

    /// The names of ``all``.
    package static let names: [MetricID] = all.map(\.id)

    private static let byName = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The declaration of `name`; nil for a name this version does not declare.
    package static func declaration(of name: MetricID) -> Metric? {
        byName[name]
    }

    /// The metrics `spec` declares (`creation`, or `run` for the run's own), in declaration order.
    package static func metrics(ofSpec spec: String) -> [Metric] {
        all.filter { $0.spec == spec }
    }

    package static func contains(_ metric: MetricID) -> Bool {
        byName[metric] != nil
    }

    /// The known metric whose name is fewest edits away from `name`, when it is close enough to
    /// be what was meant.
    package static func nearest(to name: String) -> MetricID? {
        let scored = names.map { ($0, editDistance(Array(name.lowercased()), Array($0.rawValue))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(3, name.count / 3) else { return nil }
        return best.0
    }

    /// Metrics grouped by spec, the specs in the order they first appear (a group of families,
    /// such as the overhead specs', declares its members family by family).
    private static func inSpecOrder(_ metrics: [Metric]) -> [Metric] {
        var specs: [String] = []
        for metric in metrics where !specs.contains(metric.spec) { specs.append(metric.spec) }
        return specs.flatMap { spec in metrics.filter { $0.spec == spec } }
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
