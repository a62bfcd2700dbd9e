/// What the figures of one spec must be to each other: a sample can be possible on its own
/// (``SampleValidity/problem(with:)``) and still contradict the figures it was computed from — a
/// creation time three times its own create and start phases, a speedup its walls do not give,
/// 13 properties held of a standard of 12, samples one after another that took longer together
/// than their spec. The relations are declared with each metric (``Metric/Derivation``); a
/// baseline file, which is compared with as it is, is checked against them (`BaselineFilePhysics`).
extension SampleValidity {
    /// How far a figure may differ from what it is derived from: the spec computes it from the
    /// same readings, so only the last digits a decimal round trip changes may show.
    static let relativeSlack = 1e-6
    /// A sum of phases against the figure: the same clock's readings, summed in another order.
    static let absoluteSlack = 0.000_5

    /// Why `sample` contradicts the figures of its own iteration (`iteration`: every sample of
    /// that iteration of its spec, by metric), or nil when it agrees with them or nothing to
    /// compare with is there.
    package static func problem(with sample: Sample, among iteration: [MetricID: Sample]) -> String? {
        let metric = sample.metric.declaration
        switch metric.derivation {
        case nil:
            return nil
        case .sumOfPhases:
            guard let phases = sample.phases else { return nil }
            let parts = phases.recorded.filter { metric.phases.contains($0.phase) }
            guard !parts.isEmpty else { return nil }
            let sum = parts.reduce(0) { $0 + $1.seconds }
            guard !agree(sample.value, sum, absolute: absoluteSlack) else { return nil }
            let names = parts.map(\.phase.rawValue).joined(separator: " + ")
            return "\(metric) \(seconds(sample.value)) is not the sum of its own phases \(names) "
                + "(\(seconds(sum)))"
        case .partOf(let whole):
            guard let other = iteration[whole], sample.value > other.value * (1 + relativeSlack) else { return nil }
            return "\(metric) \(seconds(sample.value)) is longer than \(whole) \(seconds(other.value)) "
                + "of the same iteration, of which it is a part"
        case .quotient(let numerator, let denominator, let factor):
            guard let top = iteration[numerator] else { return nil }
            var expected = top.value * factor
            var from = "\(numerator) \(numerator.unit.format(top.value))"
            if let denominator {
                guard let bottom = iteration[denominator], bottom.value > 0 else { return nil }
                expected /= bottom.value
                from += " / \(denominator) \(denominator.unit.format(bottom.value))"
            }
            if factor != 1 { from += " × \(factor)" }
            guard !agree(sample.value, expected, absolute: 0) else { return nil }
            return "\(metric) \(metric.unit.format(sample.value)) is not what its own iteration gives: "
                + "\(from) = \(metric.unit.format(expected))"
        case .countOfOnes(let family):
            let members = iteration.values.filter { $0.metric.declaration.family == family }
            guard !members.isEmpty else { return nil }
            let ones = members.filter { $0.value == 1 }.count
            guard sample.value != Double(ones) else { return nil }
            return "\(metric) is \(metric.unit.format(sample.value)), but \(ones) of the \(members.count) "
                + "\(family) samples of the same iteration are 1"
        }
    }

    /// Why the samples of one time metric cannot have been measured one after another within
    /// their spec's wall time: a spec's iterations never overlap (each its own ABBA turn in an
    /// A/B comparison), so one metric's samples, one per iteration, sum to less than the spec took.
    package static func problem(sequential metric: MetricID, values: [Double], wallSeconds: Double) -> String? {
        guard metric.unit == .seconds, wallSeconds > 0 else { return nil }
        let sum = values.reduce(0, +)
        guard sum > wallSeconds * (1 + relativeSlack) + absoluteSlack else { return nil }
        return "the \(values.count) samples of \(metric), one iteration after another, sum to \(seconds(sum)), "
            + "more than the \(seconds(wallSeconds)) their spec took"
    }

    private static func agree(_ a: Double, _ b: Double, absolute: Double) -> Bool {
        abs(a - b) <= absolute + relativeSlack * Swift.max(abs(a), abs(b))
    }

    private static func seconds(_ value: Double) -> String {
        value < 1e9 ? MetricUnit.seconds.format(value) : "\(value) s"
    }
}
