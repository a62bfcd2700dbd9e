extension Metric {
    /// The declaration of a name this version does not declare: one read back from a database or
    /// a baseline file that another version of sandbox-bench wrote (a metric since removed, or
    /// one a newer version added).
    ///
    /// Every version named its metrics by one convention, from which the versions before
    /// declarations read unit and direction: the last part of the name ends in `_s` for seconds,
    /// `_pct` for percent, is `failures` or ends in `violations`, `_count` or `_containers` for
    /// a count — all better small — and is a ratio, better large, otherwise. (Those versions took
    /// only a last part of exactly `violations` for a count, and so read
    /// `seccomp.profile_violations` as a ratio; its declaration says what it is.) Every declared
    /// name keeps the convention (a test checks), and so the convention is how this version reads
    /// a name it does not declare. Such a metric is shown and compared, but no spec records it and
    /// no rule may name it.
    package static func undeclared(_ id: MetricID) -> Metric {
        let quantity = id.rawValue.split(separator: ".").last.map(String.init) ?? id.rawValue
        let kind: Kind
        if quantity.hasSuffix("_s") {
            kind = .time
        } else if quantity.hasSuffix("_pct") {
            kind = .percentage
        } else if quantity == "failures" || quantity.hasSuffix("violations") || quantity.hasSuffix("_count")
            || quantity.hasSuffix("_containers")
        {
            kind = .count
        } else {
            kind = .ratio
        }
        return Metric(
            id.rawValue, kind, kind == .ratio ? .largerIsBetter : .smallerIsBetter,
            meaning: "a metric this version of sandbox-bench does not declare", phases: LifecyclePhase.allCases)
    }

    /// True when the catalogue declares this metric.
    package var isDeclared: Bool { MetricCatalogue.declaration(of: id) == self }
}
