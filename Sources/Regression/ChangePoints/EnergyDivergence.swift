/// The divergence E-divisive maximises (Matteson and James, "A Nonparametric Approach for
/// Multiple Change Point Analysis of Multivariate Data", 2014), with distances |xᵢ − xⱼ|:
/// for a split of `series[start ..< end]` into X = [start, τ) and Y = [τ, κ),
///
///     Q(τ, κ) = 2/(m+n)·Σ|X−Y| − 2m/((m+n)(n−1))·Σ_{pairs in X} − 2n/((m+n)(m−1))·Σ_{pairs in Y}
///
/// with n = |X|, m = |Y|. The candidate is the τ of the (τ, κ) that maximises Q, searched as
/// Apache Otava's `PairDistanceCalculator` searches it (row-major, first maximum, the
/// impossible κ ≤ τ counting as 0), so that both pick the same point. O(L²) for L values: the
/// sums grow by one column as κ moves right.
struct EnergyDivergence {
    let series: [Double]

    struct Candidate: Hashable {
        /// The first index of the new level.
        var index: Int
        var q: Double
    }

    /// The best split of `series[start ..< end]`; nil when it holds fewer than two values.
    func candidate(start: Int, end: Int) -> Candidate? {
        let length = end - start
        guard length > 1 else { return nil }
        // columnSums[k][t] = Σ_{i=start}^{start+t−1} |x_i − x_{start+k}|: prefix sums down each column.
        var columnSums = [[Double]](repeating: [], count: length)
        for k in 0..<length {
            var row = [Double](repeating: 0, count: length + 1)
            let value = series[start + k]
            for t in 0..<length { row[t + 1] = row[t] + abs(series[start + t] - value) }
            columnSums[k] = row
        }
        var best = Candidate(index: start + 1, q: -Double.infinity)
        var withinX = 0.0  // Σ over pairs inside [start, τ)
        for i in 0..<(length - 1) {
            let tau = i + 1  // relative to start
            if tau >= 2 { withinX += columnSums[tau - 1][tau - 1] }
            let n = Double(tau)
            var across = 0.0
            var withinY = 0.0
            // Entries left of the diagonal are impossible splits, which Otava's matrix holds as 0.
            if i > 0, 0 > best.q {
                best = Candidate(index: start + tau, q: 0)
            }
            for kappa in (tau + 1)...length {
                let k = kappa - 1  // the value that joins Y
                across += columnSums[k][tau]
                withinY += columnSums[k][k] - columnSums[k][tau]
                let m = Double(kappa - tau)
                var q = 2 / (m + n) * across
                if n > 1 { q -= 2 * m / ((m + n) * (n - 1)) * withinX }
                if m > 1 { q -= 2 * n / ((m + n) * (m - 1)) * withinY }
                if q > best.q { best = Candidate(index: start + tau, q: q) }
            }
        }
        return best
    }
}
