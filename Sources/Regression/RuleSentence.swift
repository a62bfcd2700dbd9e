import BenchModel

/// The pieces of an outcome's one-line message, in plain words with the numbers.
enum RuleSentence {
    /// "creation time (creation.create_start_s) 24.3 % slower than baseline (0.412 s → 0.512 s,
    /// 95 % CI +18.0 % … +31.2 %, p = 0.002)"
    static func relativeChange(subject: String, comparison: MetricComparison) -> String {
        guard let baseline = comparison.baseline, let current = comparison.current else { return subject }
        let unit = comparison.unit
        let figures = "\(ValueFormat.value(baseline, unit: unit)) → \(ValueFormat.value(current, unit: unit))"
        guard let change = comparison.change else {
            return
                "\(subject) went from zero to \(ValueFormat.value(current, unit: unit)), a change no percentage describes"
                + " (\(figures)\(evidence(comparison)))"
        }
        // Paired, the change is the estimate over the pairs, not current against baseline.
        let up = comparison.paired.map { $0.estimate > 0 } ?? (current > baseline)
        if comparison.paired?.estimate ?? (current - baseline) == 0 {
            return "\(subject) unchanged from baseline (\(figures))"
        }
        let word = movement(up: up, comparison: comparison)
        return "\(subject) \(ValueFormat.magnitude(change)) \(word) than baseline (\(figures)\(evidence(comparison)))"
    }

    /// "parallel efficiency (parallel.efficiency) is 0.340, below the floor of 0.500 (baseline 0.360, change -5.6 %)"
    static func bound(
        subject: String, comparison: MetricComparison, current: Double, bound: Double, isCeiling: Bool, crossed: Bool
    ) -> String {
        let unit = comparison.unit
        let value =
            unit == .count
            ? "totals \(ValueFormat.value(current, unit: unit)) over \(comparison.currentCount) samples"
            : "is \(ValueFormat.value(current, unit: unit))"
        let relation =
            switch (isCeiling, crossed) {
            case (true, true): "above the ceiling of"
            case (true, false): "at or below the ceiling of"
            case (false, true): "below the floor of"
            case (false, false): "at or above the floor of"
            }
        var sentence = "\(subject) \(value), \(relation) \(ValueFormat.value(bound, unit: unit))"
        if let baseline = comparison.baseline {
            let change = comparison.change.map { ", change \(ValueFormat.change($0))" } ?? ""
            sentence += " (baseline \(ValueFormat.value(baseline, unit: unit))\(change))"
        }
        return sentence
    }

    /// "not statistically significant (p = 0.210), so it may be noise"
    static func notSignificant(_ comparison: MetricComparison) -> String {
        if let p = comparison.pValue, comparison.baselineCount > 1, comparison.currentCount > 1 {
            return "not statistically significant (\(ValueFormat.pClause(p))), so it may be noise"
        }
        return "not statistically significant: too few samples to tell it from noise"
            + " (\(comparison.baselineCount) baseline, \(comparison.currentCount) current)"
    }

    /// "the start phase moved most (+0.090 s)"
    static func phase(_ shift: PhaseShift) -> String {
        "the \(shift.phase.rawValue) phase moved most (\(ValueFormat.delta(shift.delta, unit: .seconds)))"
    }

    static func fewCores(cpus: Int, containers: Int) -> String {
        "this host has \(cpus) CPU\(cpus == 1 ? "" : "s") for \(containers) simultaneous containers, so a low efficiency"
            + " is expected here: set a floor that fits the host"
    }

    /// ", 95 % CI +18.0 % … +31.2 %, p = 0.002", or as much of it as there is.
    private static func evidence(_ comparison: MetricComparison) -> String {
        var parts: [String] = []
        if let interval = comparison.interval {
            parts.append("\(ValueFormat.confidence(interval)) CI \(ValueFormat.interval(interval))")
        }
        if let p = comparison.pValue { parts.append(ValueFormat.pClause(p)) }
        if let paired = comparison.paired { parts.append("paired over \(paired.pairs) A/B pairs") }
        return parts.map { ", " + $0 }.joined()
    }

    /// "slower"/"faster" for times; "higher"/"lower" for everything else.
    private static func movement(up: Bool, comparison: MetricComparison) -> String {
        if comparison.unit == .seconds { return up ? "slower" : "faster" }
        return up ? "higher" : "lower"
    }
}
