/// What a measured value can physically be, declared with the metric's meaning: a sample outside
/// it did not measure the sandbox (the tool was stopped, the machine suspended, a clock misread),
/// and is discarded rather than kept — a run stopped for 20 s once stored a parallel efficiency
/// of 4.35, and a gate on the mean then passed it.
///
/// The rules follow from the metric's declaration (``Metric``): every value is finite and
/// admissible in its unit (``MetricUnit/admits(_:)``); a time is above 0; a percentage (an
/// overhead) is above −100 % (the sandbox took some time); a value with a ceiling
/// (``Metric/ceiling``) is at most the ceiling plus its tolerance; each lifecycle phase a sample
/// carries is a duration above 0.
package enum SampleValidity {
    /// Why `sample` cannot be a measurement, or nil when it can be.
    package static func problem(with sample: Sample) -> String? {
        let metric = sample.metric.declaration
        let value = sample.value
        let shown = metric.unit.format(value)
        guard value.isFinite else { return "\(metric) is \(value), not a number" }
        guard metric.unit.admits(value) else {
            return "\(metric) \(shown) is not \(metric.unit.admissibleValues)"
        }
        switch metric.kind {
        case .time where value <= 0:
            return "\(metric) \(shown) is not a duration: a time is above 0 s"
        case .percentage where value <= -100:
            return "\(metric) \(shown) would mean the sandbox took no time at all"
        default:
            break
        }
        if metric.isWhole, value.rounded() != value {
            return "\(metric) \(value) is not a whole number"
        }
        if let ceiling = metric.ceiling, value > ceiling.limit * (1 + ceiling.tolerance) {
            return "\(metric) \(MetricUnit.ratio.format(value)) is above \(ceiling.description)"
        }
        for (phase, seconds) in sample.phases?.recorded ?? [] where !(seconds.isFinite && seconds > 0) {
            return "the \(phase.rawValue) phase of \(metric) took \(seconds) s: a time is above 0 s"
        }
        return nil
    }

    /// Why one container's lifecycle cannot have been measured: its phases, timed one after
    /// another within its wall time, sum to more than it. Nil when they fit.
    package static func problem(phases: PhaseTimings, wallSeconds: Double, container: String) -> String? {
        // The same clock timed both: only a rounding of its readings may show.
        guard phases.total > wallSeconds + 0.000_5 else { return nil }
        return "the phases of container \(container.prefix(12)) sum to \(MetricUnit.seconds.format(phases.total)), "
            + "more than the \(MetricUnit.seconds.format(wallSeconds)) its whole life took"
    }
}

extension Metric {
    /// The largest value a ratio can physically take, and how far noise may carry a sample above
    /// it: N containers at once finish no faster than one alone, so a speedup of N is at most N
    /// and an efficiency (speedup / N) at most 1. Declared with the metric (``Metric/ceiling``).
    package struct Ceiling: Sendable, Hashable, CustomStringConvertible {
        package var limit: Double
        /// A fraction of `limit` by which noise may exceed it.
        package var tolerance: Double
        /// Why the limit holds: "N containers at once finish no faster than one alone".
        package var reason: String

        package init(limit: Double, tolerance: Double, reason: String) {
            self.limit = limit
            self.tolerance = tolerance
            self.reason = reason
        }

        package var description: String {
            let shown = limit.rounded() == limit ? String(Int(limit)) : String(limit)
            guard tolerance > 0 else { return "\(shown): \(reason)" }
            return "\(shown) (+\(Int((tolerance * 100).rounded())) % for noise): \(reason)"
        }

        /// The reason of every ceiling of containers run at once.
        package static let atOnce = "containers run at once finish no faster than one alone"
    }
}
