import BenchModel
import BenchWorkflow
import Regression
import ResultsStore

/// How the command line speaks of stored gate decisions: one line per decision in `runs show`,
/// and the stored verdict above a comparison in `diff`. Every line is terminal-safe.
enum DecisionText {
    /// "decision 3, 2026-01-05T09:12:00Z: FAILED, 1 alert, against baseline "default" (run 4),
    /// made with --max-creation-slowdown 10 %"
    static func summary(_ entry: StoredVerdict.Entry) -> String {
        let record = entry.record
        let words = record.verdict.words(alerts: record.alertCount, missing: record.missingCount)
        let verdict = record.passed ? words : "FAILED" + words.dropFirst("failed".count)
        let against =
            record.baseline.runs.isEmpty && record.baseline.kind == "none"
            ? (record.baseline.label ?? "no baseline yet")
            : "against \(record.baseline.label ?? baselineRuns(record.baseline))"
        let madeWith =
            entry.decision?.madeWith
            ?? "written by sandbox-bench \(record.toolVersion), whose decision this version cannot read"
        let id = record.id.map { "decision \($0), " } ?? ""
        let oneOff = record.standing ? "" : "one-off "
        return TerminalSafe.inline(
            "\(oneOff)\(id)\(CommandOutput.utc(record.decidedAt)): \(verdict), \(against), \(madeWith)")
    }

    /// The confirmation of a decision, when it asked for one: "confirmation: 2 re-runs (runs 7, 8)".
    static func confirmation(_ decision: GateDecision?) -> String? {
        guard let confirmation = decision?.confirmation else { return nil }
        let runs =
            confirmation.runIDs.isEmpty ? "" : " (runs \(confirmation.runIDs.map(String.init).joined(separator: ", ")))"
        let note = confirmation.note.map { "; \($0)" } ?? ""
        return TerminalSafe.inline(
            "confirmation: \(confirmation.requested) re-run\(confirmation.requested == 1 ? "" : "s") asked for\(runs)\(note)"
        )
    }

    /// What a decision says about its place among the run's decisions: what it replaced, why it
    /// is a one-off, what it left out on purpose; one line each.
    static func provenance(_ decision: GateDecision?) -> [String] {
        guard let decision else { return [] }
        var lines: [String] = []
        if let oneOff = decision.oneOff {
            lines.append("one-off (\(oneOff)): the run's verdict stays its latest standing decision")
        }
        if let replaces = decision.replaces { lines.append(replaces.sentence) }
        lines += decision.missing.map { "MISSING " + $0.message }
        if let suite = decision.suite, suite.contains("specs:") {
            lines.append("the run's suite: \(suite); the rules of the other specs were skipped on purpose")
        }
        return lines.map(TerminalSafe.inline)
    }

    /// The lines `runs show` prints under "Decisions", oldest first, the verdict (the latest
    /// standing decision) marked.
    static func lines(_ entries: [StoredVerdict.Entry]) -> [String] {
        let verdict = entries.lastIndex { $0.record.standing }
        return entries.enumerated().flatMap { index, entry in
            let marker = index == verdict ? "  (the run's verdict)" : ""
            let details = (confirmation(entry.decision).map { [$0] } ?? []) + provenance(entry.decision)
            return ["  " + summary(entry) + marker] + details.map { "      " + $0 }
        }
    }

    /// What `diff` prints above its table about the stored verdict, or nothing for a run never gated.
    static func header(_ verdict: StoredVerdict, run: RunRecord) -> [String] {
        var lines: [String] = []
        if verdict.comparison.isIncomplete {
            let reason = run.reason.map { " (\(TerminalSafe.inline($0)))" } ?? ""
            lines.append(
                "Run \(run.id) \(run.status.rawValue)\(reason): it is compared with no baseline; only the rules that need none were checked."
            )
        }
        if let own = verdict.comparison.baselineIsCandidate {
            lines.append(
                "Run \(run.id) is compared with itself (\(own)): every figure is unchanged by construction; "
                    + "`sandbox-bench gate` refuses such a baseline.")
        }
        guard let latest = verdict.verdict else { return lines }
        let count = verdict.decisions.count
        let earlier =
            count > 1 ? " (the latest of \(count) decisions; `sandbox-bench runs show \(run.id)` lists them)" : ""
        lines.append("Stored verdict of run \(run.id)\(earlier): \(summary(latest)).")
        if let confirmation = confirmation(latest.decision) { lines.append("  " + confirmation) }
        if let replaces = latest.decision?.replaces {
            lines.append("  It " + TerminalSafe.inline(replaces.sentence) + ".")
        }
        let oneOffs = verdict.decisions.drop { $0.record.id != latest.record.id }.dropFirst()
        for entry in oneOffs { lines.append("  Not the verdict: " + summary(entry) + ".") }

        if verdict.baselineMissing {
            lines.append(
                "Its baseline is not in this database, so only its outcomes are shown: import it with `sandbox-bench baseline import FILE`, or compare with --baseline-file FILE."
            )
        }
        if let changes = verdict.reevaluation?.changes {
            let alerts = latest.decision?.alerts ?? []
            lines += alerts.map { "  stored ALERT " + TerminalSafe.inline($0.message) }
            lines.append(
                TerminalSafe.inline(
                    "Re-evaluated \(GateDecision.reevaluation(changes)) (not stored: `sandbox-bench gate` stores a decision):"
                ))
        }
        return lines
    }

    private static func baselineRuns(_ reference: BaselineReference) -> String {
        reference.runs.map { $0.id.map { "run \($0)" } ?? "run \($0.uuid.uuidString.lowercased())" }.joined(
            separator: ", ")
    }
}
