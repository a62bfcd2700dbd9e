import BenchModel
import Foundation
import ResultsStore

/// A run about to start earlier, by this host's clock, than a run its testbed already stored.
///
/// Runs are ordered by their start time (a baseline is a run "before" the candidate, `latest` the
/// newest): a clock set back — a virtual machine restored from a snapshot, a host without a
/// real-time clock, a fleet host's skewed clock — would file the new run before the history it
/// follows, so that `run --gate` compared it with "no baseline" and a plain `gate` judged an
/// older run. Such a run is refused before anything is stored (exit 3, the environment).
package struct ClockBehind: CategorizedError, Equatable {
    package var testbed: String
    package var latestRun: Int64
    package var latestStart: Date
    /// The host that wrote the latest run (its own, or another's: a run imported from a baseline
    /// file or copied keeps the host that measured it).
    package var latestHost: String
    package var now: Date

    package var kind: FailureKind { .environment }

    /// Whether this host wrote the run that is ahead: only then is this host's clock the one to doubt.
    package var writtenHere: Bool { latestHost == ProcessIdentity.hostName }

    package var description: String {
        let format = ISO8601DateFormatter()
        let run =
            writtenHere
            ? "run \(latestRun) (written on this host)"
            : "run \(latestRun) (measured on \(TerminalSafe.inline(latestHost)) and imported or copied here)"
        return "This host's clock (\(format.string(from: now))) is behind the start of \(run), "
            + "\(format.string(from: latestStart)), the latest run of the testbed \(TerminalSafe.inline(testbed)); "
            + "runs are ordered by their start time, so a run started now would be filed before it."
    }

    /// How far a run may start before the latest one: the two sides of `ab` begin at once, each
    /// taking its time before the other stores its run. A run of its own starts after the
    /// previous one ended, seconds or hours after that one's start.
    package static let tolerance: TimeInterval = 2

    /// Throws when `now` is earlier than the start of the latest stored run of `testbed` (by more
    /// than ``tolerance``).
    package static func check(_ reader: any ResultsReader, testbed: String, now: Date) throws {
        guard let latest = try reader.runs(RunQuery(testbed: testbed, limit: 1)).first,
            latest.startedAt > now.addingTimeInterval(tolerance)
        else { return }
        throw ClockBehind(
            testbed: testbed, latestRun: latest.id, latestStart: latest.startedAt, latestHost: latest.host, now: now)
    }
}
