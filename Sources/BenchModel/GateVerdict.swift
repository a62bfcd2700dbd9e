/// What one gate decision concluded, as the `decisions.verdict` column keeps it. Only `passed`
/// lets the gate exit 0: a verdict never passes silently.
package enum GateVerdict: String, Sendable, Codable, CaseIterable {
    /// Every rule that could be checked passed, and none that should have been was left unchecked.
    case passed
    /// At least one alert stood: the gate exits 1.
    case alert
    /// No alert, but a rule's metric is missing on one side (a run that lost its samples, a
    /// baseline without the metric): the gate exits 4 (the run lacks it) or 2 (the baseline does).
    case missing
    /// No alert, but the run did not complete: its figures are no valid measurement (exit 4).
    case incomplete

    /// How a sentence about an earlier decision names it: "passed", "failed, 2 alerts".
    package func words(alerts: Int, missing: Int) -> String {
        switch self {
        case .passed: return "passed"
        case .alert: return "failed, \(alerts) alert\(alerts == 1 ? "" : "s")"
        case .missing: return "failed, \(missing) metric\(missing == 1 ? "" : "s") missing"
        case .incomplete: return "failed, the run did not complete"
        }
    }
}
