import BenchModel
import Regression
import ResultsStore

/// The first thing a report says: did this run regress, and if so how, in plain words.
package struct ReportVerdict: Sendable, Codable, Hashable {
    package enum Status: String, Sendable, Codable, CaseIterable {
        /// At least one rule alerted: the gate would exit 1.
        case alert
        /// No rule alerted, but a rule's metric is missing on one side: the gate cannot pass.
        case missing
        /// No rule alerted, but a relative rule's alert was withheld: the host was busy with other
        /// work while its spec was measured. Neither a pass nor a regression: measure again.
        case withheld
        /// Completed, and no rule alerted.
        case clean
        case failed
        case aborted
        case running
    }

    package var status: Status
    /// True when every alert is one this tool expects on the host: the page shows it amber.
    package var isExpectedOnHost: Bool { status == .alert && !alerts.isEmpty && expected.count == alerts.count }
    /// True when every alert that is not expected stands on a difference its own test calls noise
    /// (p ≥ 0.05): the page suggests `gate --confirm`.
    package var isNoise: Bool {
        let real = alerts.filter { !expected.contains($0) }
        return status == .alert && !real.isEmpty && real.allSatisfy(noise.contains)
    }
    /// Those of `alerts` whose difference is not significant (p ≥ 0.05).
    package var noise: [String] = []
    /// One sentence.
    package var headline: String
    /// The alerts' own sentences (`RuleOutcome.message`), in rule order.
    package var alerts: [String]
    /// The sentences of the rules that could not be checked because a side lacks their metric.
    package var missing: [String]
    /// Those of `alerts` this tool expects on the host that measured the run (the efficiency
    /// floor on a host with fewer CPUs than containers): still alerts, shown amber, not red.
    package var expected: [String]
    /// Further sentences: failed checks, skipped rules, the missing baseline.
    package var details: [String]
    /// The gate's stored decision, when the run was gated: then `status`, `headline` and `alerts`
    /// are that decision's. Nil for a run never gated, whose verdict is the report's comparison.
    package var decision: ReportDecision?
    /// The report's own comparison when it was asked for with other rules or another baseline
    /// than the stored decision's: shown beside the decision, never in its place.
    package var reevaluation: Reevaluation?

    package init(
        status: Status, headline: String, alerts: [String] = [], missing: [String] = [], expected: [String] = [],
        details: [String] = [], decision: ReportDecision? = nil, reevaluation: Reevaluation? = nil
    ) {
        self.status = status
        self.headline = headline
        self.alerts = alerts
        self.missing = missing
        self.expected = expected
        self.details = details
        self.decision = decision
        self.reevaluation = reevaluation
    }

    /// The alerts the metric table marks: the re-evaluation's when there is one (the table shows
    /// its comparison), else the verdict's.
    package var tableAlerts: (alerts: [String], expected: [String]) {
        reevaluation.map { ($0.alerts, $0.expected) } ?? (alerts, expected)
    }

    /// The verdict of a run that did not complete: its status and why. Nil for a completed run.
    static func unfinished(_ run: RunRecord, details: [String] = []) -> ReportVerdict? {
        let reason = run.reason.map { ": \($0)" } ?? " without a recorded reason."
        switch run.status {
        case .running:
            return ReportVerdict(
                status: .running,
                headline: "Run \(run.id) is still running; the figures below are what it has measured so far.",
                details: details)
        case .failed:
            return ReportVerdict(status: .failed, headline: "Run \(run.id) failed\(reason)", details: details)
        case .aborted:
            return ReportVerdict(status: .aborted, headline: "Run \(run.id) was aborted\(reason)", details: details)
        case .completed:
            return nil
        }
    }

    /// The verdict for `run`, from its comparison when it completed; `alerts` are the ones
    /// that stand (the comparison's, or fewer when the gate confirmed them by re-running).
    package static func of(
        run: RunRecord, comparison: RunComparison?, alerts: [RuleOutcome], checks: [RecordedCheck], cpus: Int?
    )
        -> ReportVerdict
    {
        let failedChecks = checks.filter { !$0.check.passed && !$0.check.informational }
        var details: [String] = []
        if !failedChecks.isEmpty {
            let names = failedChecks.map { "\($0.check.name) (\($0.spec))" }.joined(separator: "; ")
            details.append("\(failedChecks.count) of the original pytest suite's checks failed: \(names).")
        }
        if let unfinished = unfinished(run, details: details) { return unfinished }
        guard let comparison else {
            return ReportVerdict(
                status: .clean, headline: "Run \(run.id) completed; it was not compared.", details: details)
        }
        let skipped = comparison.outcomes.filter { $0.status == .skipped }
        details += skipped.map { "Not checked: \($0.message)" }
        let missing = comparison.missing
        let against = comparison.baselineLabel.map { "against \($0)" } ?? "with no baseline to compare with yet"
        if !alerts.isEmpty {
            let expected = alerts.filter { $0.isExpected(onHostWithCPUs: cpus) }
            let which = expected.count == alerts.count ? ", expected on this host" : ""
            var verdict = ReportVerdict(
                status: .alert,
                headline: "Run \(run.id) raised \(ValueFormat.count(alerts.count, "alert"))\(which) \(against).",
                alerts: alerts.map(\.message), missing: missing.map(\.message), expected: expected.map(\.message),
                details: details)
            let noise = alerts.filter { ($0.pValue ?? 0) >= 0.05 && !expected.contains($0) }
            verdict.noise = noise.map(\.message)
            if !noise.isEmpty {
                let ps = noise.compactMap(\.pValue).map(ValueFormat.pClause).joined(separator: ", ")
                verdict.details.insert(
                    "Possibly noise: \(ValueFormat.count(noise.count, "alert")) on a difference its own test does not "
                        + "call significant (\(ps)); re-run the gate with --confirm 3 before acting on it.",
                    at: 0)
            }
            return verdict
        }
        if !missing.isEmpty {
            let metrics = Set(missing.map(\.metric.rawValue)).sorted().joined(separator: ", ")
            return ReportVerdict(
                status: .missing,
                headline:
                    "Run \(run.id) cannot pass \(against): \(ValueFormat.count(missing.count, "rule")) could not be "
                    + "checked, a metric missing (\(metrics)).",
                missing: missing.map(\.message), details: details)
        }
        let withheld = comparison.withheld
        if !withheld.isEmpty {
            let metrics = Set(withheld.map(\.metric.rawValue)).sorted().joined(separator: ", ")
            return ReportVerdict(
                status: .withheld,
                headline:
                    "Run \(run.id) is not decided \(against): \(ValueFormat.count(withheld.count, "alert")) withheld "
                    + "(\(metrics)), the host was busy with other work while it was measured.",
                alerts: withheld.map(\.message), details: details)
        }
        let dismissed = comparison.alerts.count - alerts.count
        if dismissed > 0 {
            details.insert(
                "\(ValueFormat.count(dismissed, "alert")) did not reproduce when the gate re-ran the specs, so \(dismissed == 1 ? "it no longer stands" : "they no longer stand").",
                at: 0)
        }
        let passed = comparison.outcomes.count - skipped.count - comparison.alerts.count - missing.count
        return ReportVerdict(
            status: .clean,
            headline: "Run \(run.id) raised no alert \(against): \(ValueFormat.count(passed, "rule check")) passed.",
            details: details)
    }
}
