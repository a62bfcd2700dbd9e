import Foundation

/// The Mann–Whitney U rank test, two-sided: could the baseline and candidate samples come from
/// the same distribution? It assumes nothing about the shape of the distributions, which suits
/// timings with a long tail. The statistic and p-value match `scipy.stats.mannwhitneyu`
/// (`alternative='two-sided'`, `use_continuity=True`).
package struct MannWhitneyTest: Sendable, Codable, Hashable {
    package enum Method: String, Sendable, Codable {
        /// The exact distribution of U, counted; used without ties when both samples are small.
        case exact
        /// The normal approximation with tie and continuity corrections.
        case asymptotic
    }

    /// U of the first sample: the number of pairs (x from the first, y from the second) with
    /// x > y, ties counting one half. The same value scipy reports as the statistic.
    package var u: Double
    package var pValue: Double
    package var method: Method

    /// Both samples at most this large (and no ties) → the exact distribution.
    package static let exactLimit = 20

    /// The test of `first` against `second`; nil when either is empty.
    /// `method` nil chooses: exact without ties when both sides have at most `exactLimit` values,
    /// asymptotic otherwise. Asking for `.exact` on tied data gets the asymptotic test, since the
    /// exact distribution assumes no ties; `method` in the result says which ran.
    package init?(_ first: [Double], _ second: [Double], method: Method? = nil) {
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let n1 = first.count
        let n2 = second.count
        let ranking = Ranking(first + second)
        let rankSum = ranking.ranks[0..<n1].reduce(0, +)
        let u1 = rankSum - Double(n1 * (n1 + 1)) / 2
        let u = max(u1, Double(n1 * n2) - u1)

        let exactAllowed = ranking.tieGroupSizes.isEmpty
        let smallEnough = n1 <= Self.exactLimit && n2 <= Self.exactLimit
        let chosen: Method =
            switch method {
            case .exact?: exactAllowed ? .exact : .asymptotic
            case .asymptotic?: .asymptotic
            case nil: exactAllowed && smallEnough ? .exact : .asymptotic
            }
        let oneSided =
            switch chosen {
            case .exact: Self.exactUpperTail(u: Int(u.rounded()), n1: n1, n2: n2)
            case .asymptotic: Self.normalUpperTail(u: u, n1: n1, n2: n2, tieGroupSizes: ranking.tieGroupSizes)
            }
        self.u = u1
        self.pValue = min(1, 2 * oneSided)
        self.method = chosen
    }

    /// P(U ≥ u) under the null hypothesis, from the number of arrangements of n1 + n2 distinct
    /// values that give each U. Counts stay below 2⁵³ up to n1 = n2 = 25, so doubles hold them exactly.
    static func exactUpperTail(u: Int, n1: Int, n2: Int) -> Double {
        let counts = arrangementCounts(n1: n1, n2: n2)
        let total = counts.reduce(0, +)
        let tail = counts[min(u, counts.count)...].reduce(0, +)
        return tail / total
    }

    /// counts[k] = number of orderings of n1 "first" and n2 "second" values with U = k,
    /// by the recurrence c(i, j, k) = c(i − 1, j, k − j) + c(i, j − 1, k): the largest value
    /// is either a first one (beating all j second ones) or a second one.
    static func arrangementCounts(n1: Int, n2: Int) -> [Double] {
        // previous[j] holds c(i − 1, j, ·); c(0, j, ·) and c(i, 0, ·) are [1].
        var previous: [[Double]] = Array(repeating: [1], count: n2 + 1)
        for i in stride(from: 1, through: n1, by: 1) {
            var current: [[Double]] = [[1]]
            for j in stride(from: 1, through: n2, by: 1) {
                var counts = [Double](repeating: 0, count: i * j + 1)
                for (k, c) in previous[j].enumerated() { counts[k + j] += c }
                for (k, c) in current[j - 1].enumerated() { counts[k] += c }
                current.append(counts)
            }
            previous = current
        }
        return previous[n2]
    }

    static func normalUpperTail(u: Double, n1: Int, n2: Int, tieGroupSizes: [Int]) -> Double {
        let n = Double(n1 + n2)
        let tieTerm = tieGroupSizes.reduce(0.0) { sum, t in sum + Double(t * t * t - t) }
        let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return 1 }  // every value tied: nothing to tell apart
        let z = (u - Double(n1 * n2) / 2 - 0.5) / variance.squareRoot()
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}

/// Ranks 1…n of values, tied values sharing the average of their ranks.
struct Ranking {
    var ranks: [Double]
    /// The size of every group of two or more equal values.
    var tieGroupSizes: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        ranks = Array(repeating: 0, count: values.count)
        tieGroupSizes = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = averageRank }
            if end > start { tieGroupSizes.append(end - start + 1) }
            start = end + 1
        }
    }
}
