import BenchModel

/// What a run set out to measure: the specs of its plan. A rule's metric whose spec the run did
/// not plan is skipped — the user narrowed the suite on purpose (`--spec`), or the suite has no
/// such spec — while one it planned and did not measure is missing, and never passes.
package struct RunScope: Sendable, Hashable {
    /// The planned specs, by name (`creation`, `parallel`, ...).
    package var specs: Set<String>
    /// The suite the plan was made from: `full`, `original`, `quick`.
    package var suite: String
    /// How the plan was narrowed, for sentences: `--spec creation, parallel`; nil when the plan
    /// is its suite's every spec.
    package var narrowing: String?

    package init(specs: Set<String>, suite: String, narrowing: String?) {
        self.specs = specs
        self.suite = suite
        self.narrowing = narrowing
    }

    /// Why a metric of a spec the run did not plan was not checked.
    func notPlanned(_ metric: MetricID) -> String {
        narrowing.map { "not in this run's suite: \($0)" } ?? "the \(suite) suite has no \(metric.spec) spec"
    }

    /// The spec of the metrics every run records itself, whatever its plan (`run.leftover_containers`).
    package static let runSpec = RunMetrics.spec

    /// True when the run planned the spec that records `metric`.
    package func plans(_ metric: MetricID) -> Bool {
        metric.spec == Self.runSpec || specs.contains(metric.spec)
    }

    /// Metrics a run may lack though their spec ran, and says so in a note: those that need a
    /// module in the host interpreter (the host side of the pandas overhead needs pandas).
    package static func mayLack(_ metric: MetricID) -> Bool {
        metric.declaration.hostModule != nil
    }
}
