import BenchModel

/// A sustained shift in a series of per-run figures: the level before `index` differs from the
/// level from `index` on, by a two-sided t-test between the neighbouring segments.
package struct ChangePoint: Sendable, Codable, Hashable {
    /// The first value at the new level.
    package var index: Int
    /// The segments on either side, up to the neighbouring change points.
    package var before: Segment
    package var after: Segment
    /// Student's t-test between the two segments.
    package var pValue: Double

    package struct Segment: Sendable, Codable, Hashable {
        /// Values in the segment.
        package var count: Int
        package var mean: Double
        /// Population standard deviation, as Apache Otava reports it.
        package var deviation: Double
        package var median: Double

        init(_ values: [Double]) {
            count = values.count
            mean = values.isEmpty ? 0 : Statistics.mean(values)
            let mean = self.mean
            deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count)))
                .squareRoot()
            median = values.isEmpty ? 0 : Statistics.median(values)
        }
    }

    /// `masked` values (short episodes the merge set aside) count on neither side.
    init(index: Int, series: [Double], before: Range<Int>, after: Range<Int>, masked: Set<Int> = []) {
        self.index = index
        self.before = Segment(before.filter { !masked.contains($0) }.map { series[$0] })
        self.after = Segment(after.filter { !masked.contains($0) }.map { series[$0] })
        let test = StudentTTest(
            mean1: self.before.mean, deviation1: self.before.deviation, count1: self.before.count,
            mean2: self.after.mean, deviation2: self.after.deviation, count2: self.after.count)
        let enough = self.before.count > 0 && self.after.count > 0 && self.before.count + self.after.count > 2
        pValue = enough && !test.pValue.isNaN ? test.pValue : 1
    }

    /// The relative change of the mean, positive when the level went up: 0.12 = +12 %.
    package var change: Double {
        before.mean == 0 ? 0 : after.mean / before.mean - 1
    }

    /// The larger of the forward and backward relative changes, as Otava measures a change's
    /// size: a halving and a doubling weigh the same.
    package var magnitude: Double {
        let forward = before.mean == 0 ? 0 : abs(after.mean / before.mean - 1)
        let backward = after.mean == 0 ? 0 : abs(before.mean / after.mean - 1)
        return max(forward, backward)
    }

    /// True when the new level is worse for a metric of `direction`.
    package func isWorse(for direction: Direction) -> Bool {
        direction == .smallerIsBetter ? after.mean > before.mean : after.mean < before.mean
    }
}
