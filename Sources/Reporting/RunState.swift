/// A run's verdict as a reader sees it on the site and in the report. Each state has its own
/// word, symbol and class (border style as well as colour), so that no two look alike and none
/// is told by colour alone: a passed gate is not "not gated", a stored alert is not a run that
/// would have alerted had it been gated.
package enum RunState: String, Sendable, CaseIterable {
    /// Gated, and the gate passed.
    case passed
    /// Completed, never gated, and within every rule's limit against the baseline in force.
    case notGated = "not-gated"
    /// Never gated, but beyond a rule's limit against the baseline the gate would have used.
    case wouldAlert = "would-alert"
    /// The gate stored an alert.
    case alerted = "alert"
    /// Every alert is one this tool expects on the host (the efficiency floor on too few cores).
    case expected
    /// Every alert stands on a difference its own test calls noise (p ≥ 0.05): worth `--confirm`.
    case noise
    /// The gate could not pass: a rule's metric was missing.
    case missing
    /// A relative alert was withheld: the host was busy with other work while it was measured.
    case withheld
    /// The gate judged a run that did not complete.
    case incomplete
    case failed
    case aborted
    case running

    /// What the badge says after its symbol.
    package var word: String {
        switch self {
        case .passed: "passed"
        case .notGated: "not gated"
        case .wouldAlert: "would alert"
        case .alerted: "alert"
        case .expected: "alert, expected on this host"
        case .noise: "alert, possibly noise"
        case .missing: "metric missing"
        case .withheld: "withheld, host busy"
        case .incomplete: "incomplete"
        case .failed: "failed"
        case .aborted: "aborted"
        case .running: "running"
        }
    }

    /// A symbol that tells the state apart without colour.
    package var symbol: String {
        switch self {
        case .passed: "✓"
        case .notGated: "○"
        case .wouldAlert: "△"
        case .alerted: "✗"
        case .expected: "◐"
        case .noise: "≈"
        case .missing: "∅"
        case .withheld: "⏸"
        case .incomplete: "◌"
        case .failed: "✗"
        case .aborted: "■"
        case .running: "▶"
        }
    }

    /// The CSS class of its badge, row and box.
    package var cssClass: String { "state-\(rawValue)" }

    /// "✓ passed"
    package var label: String { "\(symbol) \(word)" }

    /// The state of a report's verdict.
    package static func of(_ verdict: ReportVerdict) -> RunState {
        switch verdict.status {
        case .running: return .running
        case .failed: return verdict.decision == nil ? .failed : .incomplete
        case .aborted: return verdict.decision == nil ? .aborted : .incomplete
        case .missing: return .missing
        case .withheld: return .withheld
        case .clean: return verdict.decision == nil ? .notGated : .passed
        case .alert:
            if verdict.decision == nil { return .wouldAlert }
            if verdict.isExpectedOnHost { return .expected }
            if verdict.isNoise { return .noise }
            return .alerted
        }
    }
}
