import BenchModel
import Foundation
import ResultsStore

/// Whether a run about to become a named baseline is typical of its host, by its creation time
/// (the key metric, `creation.create_start_s`) against the comparable runs measured around it.
///
/// On a quiet host one run's median still moves by several per cent from run to run with no cause
/// the tool can see (about 7 % on the 2-core host of docs/regression.md, "Foreign load"). A pinned
/// baseline carries its run's luck into every night compared with it: one faster than all its
/// neighbours makes every later run read slower by as much (false alerts), one slower than all of
/// them lets a real slowdown of that size pass. Neighbours are runs of the same testbed, completed,
/// not confirmation re-runs, measured in the same environment (no fingerprint difference, the
/// engine and the sandbox profile's limits included), not on a busy host, not failed by their
/// gate, and with a creation median: up to ``reach`` on each side of the run, the nearest by start
/// time. Too few of them (``minimumNeighbours``), a run inside their range, or an offset below
/// ``materialOffset``: nothing to say.
package struct BaselineTypicality: Sendable, Hashable {
    package enum Side: Sendable, Hashable {
        /// Faster than every neighbour: later runs read slower against it.
        case faster
        /// Slower than every neighbour: later runs read faster against it.
        case slower
    }

    package let run: Int64
    /// The run's creation median, in seconds.
    package let median: Double
    /// The neighbours' creation medians, in seconds.
    package let neighbours: [Double]
    package let side: Side

    package static let reach = 5
    package static let minimumNeighbours = 4
    /// The smallest offset worth a warning: 5 %, a quarter of the default 20 % creation limit.
    /// Among interchangeable runs one lies outside the range of n others by chance alone with
    /// probability 2 / (n + 1), so the range alone would warn of offsets of 1 %.
    package static let materialOffset = 0.05

    /// The finding for a run whose creation median is `median` among `neighbours`, or nil when
    /// they are fewer than ``minimumNeighbours``, the median lies within their range, or their
    /// median is less than ``materialOffset`` away from it.
    package static func assess(run: Int64, median: Double, neighbours: [Double]) -> BaselineTypicality? {
        guard neighbours.count >= minimumNeighbours, let low = neighbours.min(), let high = neighbours.max() else {
            return nil
        }
        let side: Side
        if median < low {
            side = .faster
        } else if median > high {
            side = .slower
        } else {
            return nil
        }
        let finding = BaselineTypicality(run: run, median: median, neighbours: neighbours, side: side)
        return abs(finding.offset) >= materialOffset ? finding : nil
    }

    /// How far the neighbours' median lies from the run's, relative to the run's: what a later
    /// run as typical as they are reads against it (+14 %: slower with nothing changed).
    package var offset: Double { typical / median - 1 }

    /// The median of ``neighbours``.
    package var typical: Double { Statistics.median(neighbours) }

    /// One sentence: what the run is, among what, and what that does to later comparisons.
    package var description: String {
        let unit = MetricID.creationTime.unit
        let range = "\(unit.format(neighbours.min() ?? 0))–\(unit.format(neighbours.max() ?? 0))"
        let change = String(format: "%.0f %%", abs(offset) * 100)
        let position = side == .faster ? "below" : "above"
        let effect =
            side == .faster
            ? "later runs read about \(change) slower against it with nothing changed, and alert sooner"
            : "later runs read about \(change) faster against it than they are, and a real slowdown of that size passes"
        return "run \(run)'s creation time (median \(unit.format(median))) is \(position) each of the "
            + "\(neighbours.count) comparable runs measured around it (\(range), their median "
            + "\(unit.format(typical))): \(effect)"
    }

    /// The finding for `run` in the store, or nil (see the type's description).
    package static func assess(_ run: RunRecord, in reader: any ResultsReader) throws -> BaselineTypicality? {
        guard
            let median = try reader.summaries(of: .creationTime, runs: [run.id])[run.id]?.median,
            let environment = try reader.environment(of: run)
        else { return nil }
        let query = RunQuery(testbed: run.testbed, statuses: [.completed], purposes: [.main])
        // Each side in order of nearness by start time (then id, as every list of runs orders
        // them): a run copied in later has a higher id and its own start time.
        var before = query
        before.before = run
        before.order = .newestFirst
        before.limit = 4 * reach
        var after = query
        after.since = run.startedAt
        after.order = .oldestFirst
        // A few dozen, not every later run of a long history; the run itself (and any run started
        // in the same millisecond before it by id) comes back too and is dropped below.
        after.limit = 4 * reach + 8
        let later = try reader.runs(after).filter {
            ($0.startedAt, $0.id) > (run.startedAt, run.id)
        }
        let sides = [try reader.runs(before), Array(later.prefix(4 * reach))]
        let candidates = sides.flatMap { $0.map(\.id) }
        let busy = try BusyRuns.busySpecs(of: candidates, in: reader)
        let medians = try reader.summaries(of: .creationTime, runs: candidates).mapValues(\.median)
        let verdicts = try reader.latestDecisions(runs: candidates)
        var neighbours: [Double] = []
        for side in sides {
            var taken = 0
            for neighbour in side where taken < reach && busy[neighbour.id] == nil {
                guard let neighbourMedian = medians[neighbour.id],
                    verdicts[neighbour.id]?.passed != false,
                    let fingerprint = try reader.environment(of: neighbour),
                    environment.differences(to: fingerprint).isEmpty
                else { continue }
                neighbours.append(neighbourMedian)
                taken += 1
            }
        }
        return assess(run: run.id, median: median, neighbours: neighbours)
    }
}
