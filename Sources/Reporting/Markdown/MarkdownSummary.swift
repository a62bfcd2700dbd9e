import BenchModel
import Regression

/// The comparison as GitHub-flavoured Markdown for a CI job page, read in five seconds: the
/// verdict with ✅/❌/⚠️ on the first line, the failing checks next (one line each), a link to
/// the report, then a short table of what moved; noise and unchanged metrics folded away.
package enum MarkdownSummary {
    /// What the summary knows beside the comparison: the gate's stored verdict (nil for a plain
    /// `diff`, judged from the comparison), the alerts that stand after confirmation, those this
    /// tool expects on the host, and where the report is.
    package struct Context: Sendable {
        package var verdict: GateVerdict?
        /// The alerts that stand; nil: the comparison's own.
        package var standing: [RuleOutcome]?
        /// Alerts the confirmation re-runs did not reproduce.
        package var dismissed: [RuleOutcome]
        /// Messages of the alerts this tool expects on the host.
        package var expected: [String]
        package var link: SummaryLink?

        package init(
            verdict: GateVerdict? = nil, standing: [RuleOutcome]? = nil, dismissed: [RuleOutcome] = [],
            expected: [String] = [], link: SummaryLink? = nil
        ) {
            self.verdict = verdict
            self.standing = standing
            self.dismissed = dismissed
            self.expected = expected
            self.link = link
        }
    }

    package static func render(_ result: RunComparison, context: Context = Context()) -> String {
        let alerts = context.standing ?? result.alerts
        var blocks = [headline(result, alerts: alerts, context: context)]
        let checks = failingChecks(result, alerts: alerts, context: context)
        if !checks.isEmpty { blocks.append(checks.joined(separator: "\n")) }
        if let busy = HostLoadFacts(result) { blocks.append("⚠️ " + MarkdownText.escape(busy.sentence)) }
        blocks.append(facts(result, context: context))
        let triage = MetricTriage(result, standing: alerts.map(\.message), expected: context.expected)
        let header = [
            "metric", "baseline", "current", "change", "\(ValueFormat.percentage(result.noise.confidence)) CI",
            "p", "verdict",
        ]
        if result.metrics.isEmpty {
            blocks.append("No metric was measured.")
        } else if triage.leading.isEmpty {
            blocks.append(
                "No metric moved beyond \(ValueFormat.percentage(result.noise.minimumEffect)) with significance.")
        } else {
            blocks.append(table(header: header, rows: triage.leading))
        }
        if !triage.folded.isEmpty {
            blocks.append(
                "<details><summary>\(MetricTriage.foldedSummary(triage.folded)) "
                    + "\(triage.folded.count == 1 ? "metric" : "metrics")</summary>\n\n"
                    + table(header: header, rows: triage.folded) + "\n\n</details>")
        }
        if !result.environmentDifferences.isEmpty {
            let rows = result.environmentDifferences.map { [$0.field, $0.baseline, $0.current] }
            blocks.append(
                "<details><summary>Environment differences from the baseline (these can move the figures): "
                    + MarkdownText.escape(result.environmentDifferences.map(\.field).joined(separator: ", "))
                    + "</summary>\n\n"
                    + tableLines(header: ["", "baseline", "current"], alignments: ["---", "---", "---"], rows: rows)
                    + "\n\n</details>")
        }
        blocks.append("_\(MarkdownText.escape(ComparisonRow.legend(result)))_")
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The first line: a symbol, the verdict in words, the run and its baseline.
    static func headline(_ result: RunComparison, alerts: [RuleOutcome], context: Context) -> String {
        let verdict =
            context.verdict
            ?? (!alerts.isEmpty ? .alert : !result.missing.isEmpty ? .missing : .passed)
        let gate = context.verdict == nil ? "" : "gate "
        let title = MarkdownText.escape(result.title)
        let expected = alerts.filter { context.expected.contains($0.message) }
        switch verdict {
        case .alert:
            let which = expected.count == alerts.count && !alerts.isEmpty ? ", expected on this host" : ""
            return "### ❌ sandbox-bench \(gate)failed: \(ValueFormat.count(alerts.count, "alert"))\(which) · \(title)"
        case .missing:
            return "### ❌ sandbox-bench \(gate)failed: "
                + "\(ValueFormat.count(result.missing.count, "rule")) not checked, a metric missing · \(title)"
        case .incomplete:
            return "### ❌ sandbox-bench \(gate)failed: the run did not complete · \(title)"
        case .passed:
            if !result.withheld.isEmpty {
                return "### ⚠️ sandbox-bench \(gate)not decided: "
                    + "\(ValueFormat.count(result.withheld.count, "alert")) withheld, the host was busy · \(title)"
            }
            if !context.dismissed.isEmpty {
                return "### ⚠️ sandbox-bench \(gate)passed after confirmation: "
                    + "\(ValueFormat.count(context.dismissed.count, "alert")) not reproduced · \(title)"
            }
            if result.baselineLabel == nil {
                return "### ⚠️ sandbox-bench \(gate)passed with no baseline: "
                    + "only the rules that need none were checked · \(title)"
            }
            return "### ✅ sandbox-bench \(gate)passed: no alert · \(title)"
        }
    }

    /// One line per alert, missing metric and dismissed alert: rule, metric, change, interval, p, limit.
    static func failingChecks(_ result: RunComparison, alerts: [RuleOutcome], context: Context) -> [String] {
        var lines = alerts.map { outcome in
            let expected = context.expected.contains(outcome.message) ? " _(expected on this host)_" : ""
            return "- ❌ **alert** \(check(outcome))\(expected)"
        }
        lines += result.missing.map { outcome in
            "- ❌ **missing** **\(MarkdownText.escape(outcome.rule))** · `\(outcome.metric.rawValue)` "
                + "missing from the \(outcome.missingFrom?.rawValue ?? "run")"
        }
        lines += result.withheld.map { "- ⚠️ **withheld, host busy** \(check($0))" }
        lines += context.dismissed.map { "- ⚠️ **not reproduced** \(check($0))" }
        return lines
    }

    /// "**creation-slowdown** · `creation.create_start_s` 0.411 s → 0.512 s, +24.3 % (95 % CI … , p < 0.001) · limit +20 %"
    static func check(_ outcome: RuleOutcome) -> String {
        let unit = outcome.metric.unit
        var text = "**\(MarkdownText.escape(outcome.rule))** · `\(outcome.metric.rawValue)`"
        switch (outcome.baseline, outcome.current) {
        case (let baseline?, let current?):
            text += " \(ValueFormat.value(baseline, unit: unit)) → \(ValueFormat.value(current, unit: unit))"
        case (nil, let current?): text += " \(ValueFormat.value(current, unit: unit))"
        default: break
        }
        var details: [String] = []
        if let interval = outcome.interval {
            details.append("\(ValueFormat.confidence(interval)) CI \(ValueFormat.interval(interval))")
        }
        if let p = outcome.pValue { details.append(ValueFormat.pClause(p)) }
        if let change = ValueFormat.change(
            outcome.change, baseline: outcome.baseline, current: outcome.current, unit: unit)
        {
            text += ", " + change
        }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        switch outcome.limit {
        case .maxWorsening(let fraction):
            let sign = outcome.metric.direction == .smallerIsBetter ? "+" : "−"
            text += " · limit \(sign)\(ValueFormat.percentage(fraction))"
        case .bound(let bound):
            let side = outcome.metric.direction == .smallerIsBetter ? "≤" : "≥"
            text += " · limit \(side) \(ValueFormat.value(bound, unit: unit))"
        }
        return text
    }

    /// The run in one line, and where its report is.
    static func facts(_ result: RunComparison, context: Context) -> String {
        var items = [
            ValueFormat.count(result.outcomes.count, "rule check"), ValueFormat.count(result.metrics.count, "metric"),
        ]
        if let link = context.link { items.insert(link.markdown, at: 0) }
        return items.joined(separator: " · ")
    }

    static func table(header: [String], rows: [MetricTriage.Row]) -> String {
        let alignments = header.indices.map { [1, 2, 3, 5].contains($0) ? "---:" : "---" }
        let lines = rows.map { row in
            let cells = ComparisonRow(row.comparison).cells
            var kept = Array(cells.prefix(6)).map(MarkdownText.escape)
            let verdict = MarkdownText.escape(row.verdictText)
            kept.append(row.group == .alert ? "❌ **\(verdict)**" : verdict)
            return kept
        }
        return tableLines(header: header, alignments: alignments, rows: lines, escaped: true)
    }

    static func tableLines(header: [String], alignments: [String], rows: [[String]], escaped: Bool = false)
        -> String
    {
        let body = rows.map { escaped ? $0 : $0.map(MarkdownText.escape) }
        return ([header.map(MarkdownText.escape), alignments] + body)
            .map { "| " + $0.joined(separator: " | ") + " |" }
            .joined(separator: "\n")
    }
}
