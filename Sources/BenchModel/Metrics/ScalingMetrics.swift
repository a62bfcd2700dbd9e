/// What the scaling spec records (`ScalingSpec`): `scaling.n<N>.*` for N sandboxes at once.
///
/// Efficiency at N divides the median time of one sandbox alone over all iterations — minutes
/// apart on a host whose regimes move a time by ±15 % — by the wall time of N at once: 50 % for noise.
package struct ScalingMetrics: MetricGroup {
    /// How many sandboxes start at once.
    package enum Level: Int, MetricParameter {
        case n1 = 1
        case n2 = 2
        case n5 = 5
        case n10 = 10
    }

    package let wall = MetricFamily<Level>("scaling.n<N>.wall_s") { name, _ in
        Metric(name, .time, .smallerIsBetter, meaning: "N sandbox lifecycles started at once, wall time")
    }
    package let efficiency = MetricFamily<Level>("scaling.n<N>.efficiency") { name, _ in
        Metric(
            name, .ratio, .largerIsBetter,
            meaning: "the median time of one sandbox alone over the wall time of N at once",
            ceiling: Metric.Ceiling(limit: 1, tolerance: 0.5, reason: Metric.Ceiling.atOnce))
    }
    package let speedup = MetricFamily<Level>("scaling.n<N>.speedup") { name, level in
        Metric(
            name, .ratio, .largerIsBetter, meaning: "N × the efficiency at N",
            ceiling: Metric.Ceiling(limit: Double(level.rawValue), tolerance: 0.5, reason: Metric.Ceiling.atOnce),
            derivation: .quotient(
                MetricID("scaling.n\(level.rawValue).efficiency"), over: nil, times: Double(level.rawValue)))
    }
}
