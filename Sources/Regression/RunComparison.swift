import BenchModel

/// A candidate run compared with its baseline: every metric, every rule, every environment
/// difference. Pure data; the report formats render it.
package struct RunComparison: Sendable, Codable, Hashable {
    /// nil when there is no baseline yet: metrics are then `new` and relative rules are skipped.
    package var baselineLabel: String?
    package var candidateLabel: String
    /// Runs in the baseline: 1, or K for a rolling window.
    package var baselineRunCount: Int
    /// The statistic the user chose; count metrics use their total regardless.
    package var statistic: SummaryStatistic
    package var noise: NoiseSettings
    /// Every metric measured on either side, by name.
    package var metrics: [MetricComparison]
    /// One outcome per rule and metric, in rule order.
    package var outcomes: [RuleOutcome]
    /// Fields of the environment that differ and can move the figures.
    package var environmentDifferences: [EnvironmentFingerprint.Difference]

    package init(baseline: Baseline?, candidate: RunMeasurements, configuration: RegressionConfiguration = .init()) {
        let baselineRuns = baseline?.runs ?? []
        let names = baselineRuns.reduce(candidate.metrics) { $0.union($1.metrics) }.sorted()
        let comparisons = names.map {
            MetricComparison(
                metric: $0, baselineRuns: baselineRuns, candidate: candidate, statistic: configuration.statistic,
                settings: configuration.noise)
        }
        let byMetric = Dictionary(uniqueKeysWithValues: comparisons.map { ($0.metric, $0) })

        self.baselineLabel = baseline?.label
        self.candidateLabel = candidate.label
        self.baselineRunCount = baselineRuns.count
        self.statistic = configuration.statistic
        self.noise = configuration.noise
        self.metrics = comparisons
        let sides = RuleSides(candidate: candidate, baselineLabel: baseline?.label)
        // A candidate that assessed no property of the isolation standard (its suite left the
        // security spec out) lists no outcome of the weakening rule: twelve "skipped" lines say nothing.
        let assessed = candidate.metrics.contains { IsolationProperty.property(of: $0) != nil }
        self.outcomes = configuration.rules.flatMap {
            $0.evaluate(byMetric, configuration: configuration, sides: sides)
        }.filter { assessed || $0.rule != RegressionRule.isolationWeakening.name || $0.status != .skipped }
            .map { Self.withholding($0, candidate: candidate) }
        self.environmentDifferences = baseline?.environmentDifferences(to: candidate.environment) ?? []
    }

    package var alerts: [RuleOutcome] { outcomes.filter(\.isAlert) }
    /// Relative alerts withheld because the candidate's host was busy (``RuleOutcome/Status/withheld``).
    package var withheld: [RuleOutcome] { outcomes.filter(\.isWithheld) }
    /// The rules that could not be checked because a side lacks their metric: never a pass.
    package var missing: [RuleOutcome] { outcomes.filter(\.isMissing) }

    package func comparison(of metric: MetricID) -> MetricComparison? {
        metrics.first { $0.metric == metric }
    }

    /// "run 42 vs baseline default", "run 42 (no baseline)"
    package var title: String {
        guard let baselineLabel else { return "\(candidateLabel) (no baseline)" }
        return "\(candidateLabel) vs \(baselineLabel)"
    }
}

extension RunComparison {
    /// A relative rule's alert on a metric whose spec the candidate measured on a busy host
    /// (``HostLoad/SpecLoad/isBusy`` of its `<spec>.host.foreign_cpu_pct` and `<spec>.host.io_wait_pct`
    /// samples, the iterations kept after busy ones were measured again) is withheld, saying why;
    /// any other outcome is kept. A bound rule (a cleanup failure, a floor) does not depend on the
    /// host's speed: it stays; so does an isolation property lost (`isolation-weakening`), a fact
    /// that no load on the host makes.
    static func withholding(_ outcome: RuleOutcome, candidate: RunMeasurements) -> RuleOutcome {
        guard outcome.status == .alert, case .maxWorsening = outcome.limit,
            outcome.rule != RegressionRule.isolationWeakening.name,
            let busy = busyLoad(ofSpec: outcome.metric.spec, in: candidate)
        else { return outcome }
        var withheld = outcome
        withheld.status = .withheld
        withheld.message =
            outcome.message + "; withheld: the host was busy with other work while \(outcome.metric.spec) was "
            + "measured (\(busy), even after re-measuring), so the change may be the host's, not the sandbox's: "
            + "measure again on a quiet host"
        return withheld
    }

    /// The host load of `spec` in `run` when the spec was busy; nil when it was not, or did not
    /// measure its host load.
    package static func busyLoad(ofSpec spec: String, in run: RunMeasurements) -> HostLoad.SpecLoad? {
        guard let load = Metric.hostLoad.load(ofSpec: spec, run.validSamples(of:)), load.isBusy else { return nil }
        return load
    }

    /// Whether any spec of `run` was measured on a busy host.
    package static func isBusy(_ run: RunMeasurements) -> Bool {
        SpecName.allCases.contains { busyLoad(ofSpec: $0.rawValue, in: run) != nil }
    }
}
