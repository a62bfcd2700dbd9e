import BenchModel
import Foundation
import Regression

/// The gate's verdict as JUnit XML, the shape CI systems read (Jenkins' junit-10.xsd): one
/// `<testcase>` per rule and metric, a `<failure>` carrying the numbers for each alert, a
/// `<error>` for each check whose metric is missing on one side (it could not run, and must not
/// pass), a `<skipped>` for each check that did not need to run.
package enum JUnitReport {
    /// `time` is the seconds the gate took, if the caller measured it; the comparison itself
    /// measures nothing. `timestamp` is when the candidate run was measured.
    package static func render(
        _ result: RunComparison, suiteName: String = "sandbox-bench regression gate", timestamp: Date? = nil,
        time: Double = 0
    ) -> String {
        let tests = result.outcomes.count
        let failures = result.alerts.count
        let skipped = result.outcomes.filter { $0.status == .skipped }.count
        let errors = result.missing.count
        let seconds = String(format: "%.3f", max(0, time))
        let name = attribute(suiteName)

        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml +=
            #"<testsuites name="\#(name)" tests="\#(tests)" failures="\#(failures)" errors="\#(errors)""#
            + #" time="\#(seconds)">"#
            + "\n"
        var suite = #"  <testsuite name="\#(name)" tests="\#(tests)" failures="\#(failures)" errors="\#(errors)""#
        suite += #" skipped="\#(skipped)" time="\#(seconds)""#
        if let timestamp { suite += #" timestamp="\#(isoTimestamp(timestamp))""# }
        xml += suite + ">\n"
        xml += properties(result)
        for outcome in result.outcomes { xml += testCase(outcome) }
        if !result.environmentDifferences.isEmpty {
            let lines = result.environmentDifferences.map { "\($0.field): \($0.baseline) → \($0.current)" }
            let text = "Environment differences that can move the figures:\n" + lines.joined(separator: "\n")
            xml += "    <system-out>\(MarkupEscaping.escape(text))</system-out>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private static func properties(_ result: RunComparison) -> String {
        var pairs = [("candidate", result.candidateLabel)]
        if let baseline = result.baselineLabel { pairs.append(("baseline", baseline)) }
        pairs += [("baseline runs", String(result.baselineRunCount)), ("statistic", result.statistic.rawValue)]
        let lines = pairs.map { #"      <property name="\#(attribute($0.0))" value="\#(attribute($0.1))"/>"# }
        return "    <properties>\n" + lines.joined(separator: "\n") + "\n    </properties>\n"
    }

    private static func testCase(_ outcome: RuleOutcome) -> String {
        let open =
            #"    <testcase name="\#(attribute("\(outcome.rule): \(outcome.metric)"))""#
            + #" classname="\#(attribute("sandbox-bench.\(outcome.rule)"))" time="0""#
        let message = attribute(outcome.message)
        switch outcome.status {
        case .alert:
            return open + ">\n"
                + #"      <failure message="\#(message)" type="regression">\#(MarkupEscaping.escape(details(outcome)))</failure>"#
                + "\n    </testcase>\n"
        case .missing:
            let type = "missing-\(outcome.missingFrom?.rawValue ?? "metric")"
            return open + ">\n"
                + #"      <error message="\#(message)" type="\#(type)">"#
                + #"\#(MarkupEscaping.escape(details(outcome)))</error>"#
                + "\n    </testcase>\n"
        case .withheld:
            return open + ">\n"
                + #"      <error message="\#(message)" type="withheld-busy-host">"#
                + #"\#(MarkupEscaping.escape(details(outcome)))</error>"#
                + "\n    </testcase>\n"
        case .skipped:
            return open + ">\n" + #"      <skipped message="\#(message)"/>"# + "\n    </testcase>\n"
        case .passed:
            return open + ">\n"
                + "      <system-out>\(MarkupEscaping.escape(outcome.message))</system-out>\n    </testcase>\n"
        }
    }

    /// The failure's body: every number behind the alert, one per line.
    static func details(_ outcome: RuleOutcome) -> String {
        let unit = outcome.metric.unit
        var lines = [
            "rule: \(outcome.rule) (\(outcome.title))",
            "metric: \(outcome.metric) (\(unit.rawValue), \(outcome.metric.direction.rawValue) is better)",
            "statistic: \(outcome.statistic.rawValue)",
        ]
        switch outcome.limit {
        case .maxWorsening(let fraction):
            lines.append("limit: at most \(ValueFormat.percentage(fraction)) worse than baseline")
        case .bound(let bound):
            let kind = outcome.metric.direction == .smallerIsBetter ? "ceiling" : "floor"
            lines.append("limit: \(kind) \(ValueFormat.value(bound, unit: unit))")
        }
        if let side = outcome.missingFrom { lines.append("missing from: the \(side.rawValue)") }
        if let baseline = outcome.baseline { lines.append("baseline: \(ValueFormat.value(baseline, unit: unit))") }
        if let current = outcome.current { lines.append("current: \(ValueFormat.value(current, unit: unit))") }
        if let change = ValueFormat.change(
            outcome.change, baseline: outcome.baseline, current: outcome.current, unit: unit)
        {
            lines.append("change: \(change)")
        }
        if let interval = outcome.interval {
            lines.append("\(ValueFormat.confidence(interval)) CI: \(ValueFormat.interval(interval))")
        }
        if let p = outcome.pValue {
            let significance = outcome.isSignificant.map { $0 ? " (significant)" : " (not significant)" } ?? ""
            lines.append("p: \(ValueFormat.pValue(p))\(significance)")
        }
        if let shift = outcome.movedMost {
            lines.append("phase moved most: \(shift.phase.rawValue) \(ValueFormat.delta(shift.delta, unit: .seconds))")
        }
        return lines.joined(separator: "\n")
    }

    private static func attribute(_ text: String) -> String {
        MarkupEscaping.escape(text, inAttribute: true)
    }

    private static func isoTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
