/// Finds change points in a series of per-run figures with the method of Apache Otava (Fleming
/// et al., "Hunter: Using Change Point Detection to Hunt for Performance Regressions", ICPE 2023),
/// which builds on MongoDB's use of E-divisive means (Daly et al., ICPE 2020):
///
/// 1. **Split.** E-divisive (Matteson and James, 2014) runs in overlapping windows of
///    `window` values: the split that maximises the energy divergence is kept while a t-test
///    between its two sides has p ≤ 10 × `maxPValue`. These are the weak change points.
/// 2. **Merge.** Bottom-up, the weakest point goes — the one with the largest p while any is
///    above `maxPValue`, then the smallest change while any is at most `minimumMagnitude` —
///    and its neighbours are tested again on their new, longer segments.
///
/// sandbox-bench adapts the window to the history: the configured `window` is the longest, and a
/// history shorter than two windows is read in windows of half its length (at least
/// `shortestWindow` values), so that a short history is split in overlapping windows too. One
/// window over a whole short history sees an episode — a level that goes up and comes back — as
/// a split whose far side mixes both levels, which a t-test rarely finds significant; in windows
/// of half the history each edge of the episode is a step of its own, so the episode is two
/// change points (`ChangePointEpisodeTests`: 20 to 40 runs, every episode found).
///
/// sandbox-bench adds one condition to the merge: a level must last `minimumRuns` runs to be a
/// sustained shift, so a single bad night (the per-run rules catch that) is not a change point.
/// Such a short episode is set aside: its values count in neither neighbouring level, lest one
/// +45 % night hide a creep from the t-test. With `minimumRuns` 1 nothing is set aside and the
/// result is Otava's `compute_change_points` (with both neighbours of a removed point re-tested).
package struct ChangePointDetector: Sendable {
    package var settings: ChangePointSettings

    package init(settings: ChangePointSettings = ChangePointSettings()) {
        self.settings = settings
    }

    /// The change points of `series`, oldest first.
    package func changePoints(in series: [Double]) -> [ChangePoint] {
        guard series.count >= 2 else { return [] }
        let firstPass = Self.firstPassPValue(settings.maxPValue)
        return merge(split(series, maxPValue: firstPass), series: series)
    }

    /// The fewest values a window holds, however short the history: fewer cannot show a level
    /// of `minimumRuns` on both sides of a split with any certainty.
    package static let shortestWindow = 8

    /// The window the split uses on a history of `count` values: the configured one, or half
    /// the history where that is shorter (never below `shortestWindow`).
    package func window(forHistoryOf count: Int) -> Int {
        max(2, min(settings.window, max(Self.shortestWindow, count / 2)))
    }

    /// Otava relaxes the threshold of the split so that the merge has candidates to weigh.
    static func firstPassPValue(_ maxPValue: Double) -> Double {
        maxPValue < 0.05 ? maxPValue * 10 : (maxPValue < 0.5 ? maxPValue * 2 : maxPValue)
    }

    /// The weak change points: E-divisive in windows of `window(forHistoryOf:)` values, each
    /// window starting after the last point found or half a window on.
    func split(_ series: [Double], maxPValue: Double, window: Int? = nil) -> [ChangePoint] {
        let window = max(2, window ?? self.window(forHistoryOf: series.count))
        let step = window / 2
        var indices: [Int] = []
        var start = 0
        while start < series.count {
            let end = min(start + window, series.count)
            let found = Self.divisive(Array(series[start..<end]), maxPValue: maxPValue).map { $0 + start }
            start = max(found.last ?? 0, start + step)
            for index in found where !indices.contains(index) { indices.append(index) }
        }
        return Self.points(at: indices.sorted(), in: series)
    }

    /// E-divisive on one window: split the segment with the most divergent candidate while the
    /// t-test between the candidate's two sides is significant.
    static func divisive(_ series: [Double], maxPValue: Double) -> [Int] {
        let divergence = EnergyDivergence(series: series)
        var indices: [Int] = []
        while true {
            let bounds = [0] + indices + [series.count]
            var best: (candidate: EnergyDivergence.Candidate, segment: Range<Int>)?
            for (low, high) in zip(bounds, bounds.dropFirst()) where high - low > 1 {
                guard let candidate = divergence.candidate(start: low, end: high) else { continue }
                if best == nil || candidate.q > best!.candidate.q { best = (candidate, low..<high) }
            }
            guard let best else { break }
            let index = best.candidate.index
            let point = ChangePoint(
                index: index, series: series, before: best.segment.lowerBound..<index,
                after: index..<best.segment.upperBound)
            guard point.pValue <= maxPValue else { break }
            indices.append(index)
            indices.sort()
        }
        return indices
    }

    /// Change points at `indices` (sorted), each tested between its neighbours.
    static func points(at indices: [Int], in series: [Double]) -> [ChangePoint] {
        let bounds = [0] + indices + [series.count]
        return indices.indices.map { position in
            ChangePoint(
                index: indices[position], series: series, before: bounds[position]..<indices[position],
                after: indices[position]..<bounds[position + 2])
        }
    }

    func merge(_ weak: [ChangePoint], series: [Double]) -> [ChangePoint] {
        var points = weak
        var masked = Set<Int>()
        while !points.isEmpty {
            guard let weakest = weakest(points) else { return points }
            let removed = points.remove(at: weakest)
            let bounds = [0] + points.map(\.index) + [series.count]
            if min(removed.before.count, removed.after.count) < settings.minimumRuns {
                // The short side is an episode between this point and its neighbour (or an end).
                let low = weakest > 0 ? points[weakest - 1].index : 0
                let high = weakest < points.count ? points[weakest].index : series.count
                let short = removed.before.count <= removed.after.count ? low..<removed.index : removed.index..<high
                masked.formUnion(short)
            }
            for position in [weakest, weakest - 1] where points.indices.contains(position) {
                points[position] = ChangePoint(
                    index: points[position].index, series: series, before: bounds[position]..<points[position].index,
                    after: points[position].index..<bounds[position + 2], masked: masked)
            }
        }
        return points
    }

    /// The position of the point to remove next, or nil when every point stands.
    func weakest(_ points: [ChangePoint]) -> Int? {
        let shortest = points.indices.min { shorterSide(points[$0]) < shorterSide(points[$1]) }!
        if shorterSide(points[shortest]) < settings.minimumRuns { return shortest }
        let leastCertain = points.indices.max { points[$0].pValue < points[$1].pValue }!
        if points[leastCertain].pValue >= settings.maxPValue { return leastCertain }
        let smallest = points.indices.min { points[$0].magnitude < points[$1].magnitude }!
        return points[smallest].magnitude > settings.minimumMagnitude ? nil : smallest
    }

    private func shorterSide(_ point: ChangePoint) -> Int { min(point.before.count, point.after.count) }
}
