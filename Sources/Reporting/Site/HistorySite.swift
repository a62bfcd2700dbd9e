import BenchModel
import Foundation
import Regression
import ResultsStore

/// The history site: `index.html` (every run), `regressions.html` (every stored alert and every
/// change point) and one page per run, static and self-contained like the report. Pure: what
/// was read in, pages out; `SiteWriter` decides which run pages to render and writes them.
package struct HistorySite: Sendable {
    /// Raised when the pages' markup changes, so that a site written by an older version is
    /// rewritten whole.
    package static let pageVersion = 4

    package var overview: SiteOverview
    package var configuration: RegressionConfiguration
    package var generatedAt: Date
    /// The change points of every key metric over every completed run, oldest first.
    package let levelShifts: [LevelShift]
    /// Where each run's full report is, relative to the site's folder: only reports that exist.
    package var reportLinks: [Int64: String] = [:]

    package init(overview: SiteOverview, configuration: RegressionConfiguration, generatedAt: Date = Date()) {
        self.overview = overview
        self.configuration = configuration
        self.generatedAt = generatedAt
        let series = overview.history?.series ?? []
        levelShifts = series.flatMap { $0.levelShifts(settings: configuration.changePoints) }
            .sorted { ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID) }
    }

    /// The neighbours of each run, for the links between run pages.
    func neighbours(of index: Int) -> (previous: RunRecord?, next: RunRecord?) {
        let runs = overview.runs
        return (index > 0 ? runs[index - 1] : nil, index + 1 < runs.count ? runs[index + 1] : nil)
    }

    /// What a run's page depends on, as text: when it changes, the page is rendered again.
    package func fingerprint(ofRunAt index: Int) -> String {
        let run = overview.runs[index]
        let (previous, next) = neighbours(of: index)
        var parts = [
            "v\(Self.pageVersion)", "\(run.id)", run.status.rawValue, run.reason ?? "", run.label ?? "",
            run.gitCommit ?? "",
            "\(run.endedAt?.timeIntervalSince1970 ?? 0)", run.suite, "\(previous?.id ?? 0)", "\(next?.id ?? 0)",
            (overview.baselineNames[run.id] ?? []).joined(separator: ","),
        ]
        if let decision = overview.decisions[run.id] {
            parts.append("decision \(decision.id ?? 0) \(decision.decidedAt.timeIntervalSince1970)")
        }
        parts += (overview.alerts[run.id] ?? []).map {
            "\($0.rule)|\($0.message)|\($0.createdAt.timeIntervalSince1970)"
        }
        parts += levelShifts.filter { $0.runID == run.id }.map(\.sentence)
        parts.append("report \(reportLinks[run.id] ?? "-")")
        // An ungated run's page says what it would have raised against the baseline then in force.
        parts += wouldAlert(run)
        return StableHash.hex(parts.joined(separator: "\u{1F}"))
    }

    /// The verdict of a run as the site states it: the gate's latest stored decision, or, for a
    /// run never gated, whether it would have alerted (`wouldAlert`).
    func verdict(of run: RunRecord) -> (text: String, tone: String) {
        let state = state(of: run)
        let alerts = overview.alerts[run.id] ?? []
        switch state {
        case .alerted, .expected, .noise:
            let count = overview.decisions[run.id]?.alertCount ?? alerts.count
            let suffix = state == .expected ? ", expected on this host" : ""
            return ("\(state.symbol) \(ValueFormat.count(count, "alert"))\(suffix)", state.cssClass)
        case .wouldAlert:
            return (
                state.label + (wouldAlertOnlyAsExpected(run) ? " (expected on this host)" : ""), state.cssClass
            )
        default:
            return (state.label, state.cssClass)
        }
    }

    /// The run's state: its status, its gate decision, or what the gate would have said.
    func state(of run: RunRecord) -> RunState {
        let decision = overview.decisions[run.id]
        switch run.status {
        case .failed: return decision == nil || decision?.alertCount == 0 ? .failed : .alerted
        case .aborted: return .aborted
        case .running: return .running
        case .completed: break
        }
        guard let decision else { return wouldAlert(run).isEmpty ? .notGated : .wouldAlert }
        if decision.passed { return .passed }
        if decision.alertCount == 0 { return decision.verdict == .incomplete ? .incomplete : .missing }
        let cpus = overview.cpus[run.id]
        let alerts = overview.alerts[run.id] ?? []
        return alerts.allSatisfy { RegressionRule.isExpectedAlert(on: $0.metric, cpus: cpus) } ? .expected : .alerted
    }
}

/// FNV-1a, 64 bits: a hash that is the same in every process (Swift's `Hasher` is seeded anew
/// in each), enough to notice that a page's inputs changed.
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
