import Foundation

/// The Wilcoxon signed-rank test, two-sided: are paired differences centred on zero? It ranks
/// the differences' sizes and sums the ranks of the positive ones, assuming only that the
/// differences are symmetric about their centre — no normal shape, which suits ratios of
/// timings with a long tail. The statistic and p-value match `scipy.stats.wilcoxon(d)`
/// (`zero_method='wilcox'`: zero differences are dropped; `correction=False`).
package struct WilcoxonSignedRankTest: Sendable, Codable, Hashable {
    /// `exact`: the distribution of the rank sum, counted (no ties or zeros, few differences);
    /// `asymptotic`: the normal approximation with the tie correction. The same two as the U test's.
    package typealias Method = MannWhitneyTest.Method

    /// The smaller of the rank sums of the positive and of the negative differences: scipy's statistic.
    package var statistic: Double
    /// The rank sum of the positive differences.
    package var positiveRankSum: Double
    /// Differences that were not zero: the ones ranked.
    package var count: Int
    package var pValue: Double
    package var method: Method

    /// At most this many non-zero differences (and no ties or zeros) → the exact distribution.
    package static let exactLimit = 50

    /// The test of `differences`; nil when none of them is a finite non-zero number.
    /// `method` nil chooses as scipy's `'auto'` does: exact for at most `exactLimit` differences
    /// without ties and zeros, asymptotic otherwise. `.exact` on tied data gets the approximation.
    package init?(_ differences: [Double], method requested: Method? = nil) {
        let finite = differences.filter(\.isFinite)
        let hadZeros = finite.contains(0)
        let nonZero = finite.filter { $0 != 0 }
        guard !nonZero.isEmpty else { return nil }
        let n = nonZero.count
        let ranking = Ranking(nonZero.map(abs))
        let positive = zip(nonZero, ranking.ranks).reduce(0.0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
        let total = Double(n * (n + 1)) / 2
        let exactAllowed = ranking.tieGroupSizes.isEmpty && !hadZeros
        let chosen: Method =
            switch requested {
            case .exact?: exactAllowed ? .exact : .asymptotic
            case .asymptotic?: .asymptotic
            case nil: exactAllowed && n <= Self.exactLimit ? .exact : .asymptotic
            }
        let smaller = min(positive, total - positive)
        let p =
            switch chosen {
            case .exact: 2 * Self.exactLowerTail(Int(smaller.rounded()), n: n)
            case .asymptotic: Self.normalTwoSided(positive, n: n, tieGroupSizes: ranking.tieGroupSizes)
            }
        statistic = smaller
        positiveRankSum = positive
        count = n
        pValue = min(1, p)
        method = chosen
    }

    /// P(T ≤ t) for the rank sum T of the positive differences among n without ties: the number
    /// of subsets of the ranks 1…n summing to at most t, over 2ⁿ.
    static func exactLowerTail(_ t: Int, n: Int) -> Double {
        let maximum = n * (n + 1) / 2
        var counts = [Double](repeating: 0, count: maximum + 1)
        counts[0] = 1
        for rank in stride(from: 1, through: n, by: 1) {
            for sum in stride(from: maximum, through: rank, by: -1) { counts[sum] += counts[sum - rank] }
        }
        let tail = counts[0...min(max(t, 0), maximum)].reduce(0, +)
        return tail / pow(2, Double(n))
    }

    static func normalTwoSided(_ positive: Double, n: Int, tieGroupSizes: [Int]) -> Double {
        let nn = Double(n)
        let mean = nn * (nn + 1) / 4
        let tieTerm = tieGroupSizes.reduce(0.0) { sum, t in sum + Double(t * t * t - t) }
        let variance = (nn * (nn + 1) * (2 * nn + 1) - tieTerm / 2) / 24
        guard variance > 0 else { return 1 }
        let z = abs(positive - mean) / variance.squareRoot()
        return erfc(z / 2.0.squareRoot())
    }
}
