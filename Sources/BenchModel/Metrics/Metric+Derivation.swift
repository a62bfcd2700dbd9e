extension Metric {
    /// How a metric's figure follows from other figures of the same iteration of its spec, as the
    /// spec computes it: a file whose figures contradict their own derivation (a creation time
    /// three times its own create and start phases, a speedup its walls do not give) was not
    /// measured, and ``SampleValidity/problem(with:among:)`` says so.
    package enum Derivation: Sendable, Hashable {
        /// The sum of the sample's own lifecycle phases that the metric is made of (``Metric/phases``).
        case sumOfPhases
        /// One part of another metric's figure of the same iteration: never more than it.
        case partOf(MetricID)
        /// `factor × numerator / denominator` of the same iteration; `factor × numerator` when
        /// there is no denominator.
        case quotient(MetricID, over: MetricID?, times: Double)
        /// How many of a family's metrics (`security.holds.<property>`) are 1 in the same iteration.
        case countOfOnes(family: String)
    }
}
