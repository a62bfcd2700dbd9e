import BenchModel
import Foundation
import Regression
import ResultsStore

/// The gate's stored decision as a report shows it: the run's verdict, made once, with the
/// limits it was made with. A report asked for with other rules shows a re-evaluation beside it
/// (`ReportVerdict.Reevaluation`), never in its place.
package struct ReportDecision: Sendable, Codable, Hashable {
    package var decidedAt: Date
    package var toolVersion: String
    package var passed: Bool
    package var verdict: GateVerdict
    package var alertCount: Int
    package var missingCount: Int
    /// The sentences of the rules whose metric was missing; nil when this version cannot read the decision.
    package var missing: [String]?
    /// The candidate's suite as the decision recorded it (`full, specs: parallel`).
    package var suite: String?
    /// The standing decision this one replaced, when it replaced one.
    package var replaces: GateDecision.Replacement?
    /// One-off decisions made after this verdict (comparisons with another testbed's runs), which
    /// did not replace it.
    package var laterOneOffs: Int
    /// The settings that differ from the defaults, in the words of the command line or the
    /// configuration file (`maxCreationSlowdown 10 %`, the configuration file with its hash);
    /// empty for the default rules. Nil when this version cannot read the stored decision.
    package var limits: [String]?
    /// The configuration file the decision was made with, when there was one.
    package var configurationFile: ConfigurationFile?
    /// The thresholds, statistic, noise settings and extra rules in force, as the configuration
    /// file writes them. Nil when this version cannot read the stored decision.
    package var configuration: RegressionConfiguration?
    package var baseline: BaselineReference
    /// The re-runs that confirmed the alerts noise can move, when the gate was asked for them.
    package var confirmation: GateDecision.Confirmation?
    /// How many times the run was gated; this decision is the latest, the run's verdict.
    package var decisionCount: Int

    package struct ConfigurationFile: Sendable, Codable, Hashable {
        package var path: String
        package var sha256: String
    }

    /// The verdict among a run's decisions (oldest first): its latest standing one; nil when the
    /// run was never gated (or only by one-offs).
    package init?(_ records: [DecisionRecord]) {
        guard let index = records.lastIndex(where: \.standing) else { return nil }
        let record = records[index]
        let decision = record.gateDecision
        self.decidedAt = record.decidedAt
        self.toolVersion = record.toolVersion
        self.passed = record.passed
        self.verdict = record.verdict
        self.alertCount = record.alertCount
        self.missingCount = record.missingCount
        self.missing = decision?.missing.map(\.message)
        self.suite = decision?.suite
        self.replaces = decision?.replaces
        self.laterOneOffs = records.count - index - 1
        self.limits = decision?.nonDefaultSettings
        self.configurationFile = decision?.configurationFile.map { ConfigurationFile(path: $0.path, sha256: $0.sha256) }
        self.configuration = decision?.configuration
        self.baseline = record.baseline
        self.confirmation = decision?.confirmation
        self.decisionCount = records.count
    }

    /// "made with maxCreationSlowdown 10 % and the configuration file gate.json (sha256:1a2b3c4d5e6f)"
    package var madeWith: String {
        guard let limits else { return "made with rules this version of sandbox-bench cannot read" }
        return limits.isEmpty ? "made with the default rules" : "made with " + GateDecision.list(limits)
    }

    /// One sentence for the verdict box: when, with which limits, against what, confirmed how.
    package var sentence: String {
        let outcome =
            switch verdict {
            case .passed: "no alert"
            case .alert: ValueFormat.count(alertCount, "alert")
            case .missing, .incomplete: verdict.words(alerts: alertCount, missing: missingCount)
            }
        let against =
            baseline.label.map { "against \($0)" } ?? "with no baseline (the floors and the cleanup rule only)"
        var text =
            "Gate decision of \(ReportDate.minute(decidedAt)) (sandbox-bench \(toolVersion)): \(outcome), \(madeWith), \(against)"
        if decisionCount > 1 {
            text +=
                laterOneOffs > 0
                ? "; the latest standing one of \(decisionCount) decisions"
                : "; the latest of \(decisionCount) decisions"
        }
        if let replaces { text += "; it \(replaces.sentence)" }
        if laterOneOffs > 0 {
            text += "; \(ValueFormat.count(laterOneOffs, "one-off decision")) against another testbed's run since"
        }
        if let suite, suite.contains("specs:") { text += "; the run's suite: \(suite)" }
        text += "."
        if let confirmation {
            let runs = confirmation.runIDs.map { "run \($0)" }.joined(separator: ", ")
            text += " Alerts that noise can move were re-run \(ValueFormat.count(confirmation.requested, "time"))"
            text += runs.isEmpty ? "." : " (\(runs))."
            if let note = confirmation.note { text += " \(note)" }
        }
        return text
    }
}

extension ReportVerdict {
    /// The verdict the report was asked for when it differs from the stored decision: other rules
    /// or another baseline. Shown beside the stored decision, which stays the run's verdict.
    package struct Reevaluation: Sendable, Codable, Hashable {
        /// What differs from the stored decision: `maxCreationSlowdown 10 %`,
        /// `against run 7 instead of baseline "default" (run 4)`.
        package var changes: [String]
        /// `alert` or `clean`.
        package var status: Status
        package var alerts: [String]
        package var expected: [String]

        package init(changes: [String], status: Status, alerts: [String], expected: [String]) {
            self.changes = changes
            self.status = status
            self.alerts = alerts
            self.expected = expected
        }

        /// "Re-evaluated with maxCreationSlowdown 10 %: 2 alerts."
        package var sentence: String {
            let outcome = alerts.isEmpty ? "no alert" : ValueFormat.count(alerts.count, "alert")
            return "Re-evaluated \(GateDecision.reevaluation(changes)): \(outcome)."
        }
    }
}

extension DecisionRecord {
    /// The gate's decision as stored, read back; nil when its document cannot be read (one
    /// written by a newer sandbox-bench). Every view of a stored decision reads it here.
    package var gateDecision: GateDecision? { try? GateDecision(document: document) }
}
