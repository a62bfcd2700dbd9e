import BenchModel

/// What one rule said about one metric. An alert carries every number behind it.
package struct RuleOutcome: Sendable, Codable, Hashable {
    package enum Status: String, Sendable, Codable {
        case passed
        case alert
        /// The rule was not checked, and did not need to be: its spec is not in the run's suite
        /// (narrowed with `--spec`, or a suite without it), or a relative rule has no baseline at all.
        case skipped
        /// The rule could not be checked though it should have been: its metric is missing on the
        /// side `missingFrom` names. Never a pass: the gate exits non-zero.
        case missing
        /// A relative rule's alert on a run measured while the host was busy with other work
        /// (``HostLoad``): not a clean regression, not a pass. The gate exits 3 (environment):
        /// measure again on a quiet host.
        case withheld
    }

    /// The side of a comparison that lacks a metric a rule watches.
    package enum Side: String, Sendable, Codable {
        /// The run being judged: it planned the metric's spec and stored no valid sample of it.
        case candidate
        /// The baseline: it has no valid sample of a metric a relative rule compares, or did not assess a
        /// property of the isolation standard the candidate does not hold, so it cannot serve.
        case baseline
    }

    /// The rule's name and title (see `RegressionRule`).
    package var rule: String
    package var title: String
    package var metric: MetricID
    package var limit: RegressionRule.Limit
    package var status: Status
    /// The statistic behind `baseline` and `current`.
    package var statistic: SummaryStatistic
    package var baseline: Double?
    package var current: Double?
    /// Raw relative change, positive when the figure went up (see `RelativeChange`).
    package var change: Double?
    package var interval: BootstrapInterval?
    package var pValue: Double?
    /// Whether the change is statistically significant (see `Verdict`); nil for bound rules,
    /// where a crossing counts whatever the noise.
    package var isSignificant: Bool?
    /// For lifecycle-timed metrics, the phase that got slower by the most seconds.
    package var movedMost: PhaseShift?
    /// One line saying what happened, with the numbers.
    package var message: String
    /// For a `missing` outcome, the side that lacks the metric.
    package var missingFrom: Side?

    package init(
        rule: RegressionRule, metric: MetricID, status: Status, statistic: SummaryStatistic, baseline: Double? = nil,
        current: Double? = nil, change: Double? = nil, interval: BootstrapInterval? = nil, pValue: Double? = nil,
        isSignificant: Bool? = nil, movedMost: PhaseShift? = nil, message: String, missingFrom: Side? = nil
    ) {
        self.rule = rule.name
        self.title = rule.title
        self.metric = metric
        self.limit = rule.limit
        self.status = status
        self.statistic = statistic
        self.baseline = baseline
        self.current = current
        self.change = change
        self.interval = interval
        self.pValue = pValue
        self.isSignificant = isSignificant
        self.movedMost = movedMost
        self.message = message
        self.missingFrom = missingFrom
    }

    package var isAlert: Bool { status == .alert }
    package var isMissing: Bool { status == .missing }
    package var isWithheld: Bool { status == .withheld }
}
