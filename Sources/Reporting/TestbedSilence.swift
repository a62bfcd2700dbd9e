import BenchModel
import Foundation

/// Whether a testbed has stopped reporting: how long since its latest run started, against its
/// usual interval — the median gap between the starts of its own runs (robust to one missed night
/// or one extra run) — times ``factor``. A testbed needs ``minimumGaps`` gaps (four runs) before
/// it has a usual interval; until then it is never called overdue.
package struct TestbedSilence: Sendable, Codable, Hashable {
    /// A testbed is overdue after this many usual intervals without a run: a nightly testbed after three nights.
    package static let factor = 3.0
    package static let minimumGaps = 3

    package var lastRunAt: Date
    /// Seconds since the latest run started.
    package var silentSeconds: Double
    /// The median gap between its runs' starts, in seconds; nil with fewer than four runs.
    package var usualIntervalSeconds: Double?
    /// Silent for longer than ``factor`` usual intervals.
    package var overdue: Bool

    /// From the start times of a testbed's runs (any order) at `now`; nil without a run.
    package init?(runStarts: [Date], now: Date) {
        let starts = runStarts.sorted()
        guard let last = starts.last else { return nil }
        lastRunAt = last
        silentSeconds = max(0, now.timeIntervalSince(last))
        let gaps = zip(starts.dropFirst(), starts).map { $0.timeIntervalSince($1) }.filter { $0 > 0 }
        let usual = gaps.count >= Self.minimumGaps ? Statistics.median(gaps) : nil
        let silent = silentSeconds
        usualIntervalSeconds = usual
        overdue = usual.map { silent > Self.factor * $0 } ?? false
    }

    /// "3.2 days", "5 h", "40 min": a span as people say it.
    package static func span(_ seconds: Double) -> String {
        switch seconds {
        case 86_400...: return String(format: "%.1f days", seconds / 86_400)
        case 3_600...: return String(format: "%.1f h", seconds / 3_600)
        default: return "\(Int((seconds / 60).rounded())) min"
        }
    }

    /// "no run for 4.0 days (usually every 1.0 days)".
    package var sentence: String {
        "no run for \(Self.span(silentSeconds))"
            + (usualIntervalSeconds.map { " (usually every \(Self.span($0)))" } ?? "")
    }
}
