import Foundation

/// Student's two-sample t-test with pooled variance, from each side's mean, standard deviation
/// and size — what `scipy.stats.ttest_ind_from_stats` computes with its defaults, two-sided.
/// The change-point detector judges each split with it, as Apache Otava does.
package struct StudentTTest: Sendable, Hashable {
    package var t: Double
    package var degreesOfFreedom: Double
    /// Two-sided; 1 when the two sides cannot be told apart (equal means, no spread).
    package var pValue: Double

    package init(mean1: Double, deviation1: Double, count1: Int, mean2: Double, deviation2: Double, count2: Int) {
        let n1 = Double(count1)
        let n2 = Double(count2)
        let df = n1 + n2 - 2
        degreesOfFreedom = df
        let pooled = ((n1 - 1) * deviation1 * deviation1 + (n2 - 1) * deviation2 * deviation2) / df
        let standardError = (pooled * (1 / n1 + 1 / n2)).squareRoot()
        let difference = mean1 - mean2
        guard df > 0 else {
            t = .nan
            pValue = 1
            return
        }
        guard standardError > 0 else {
            // No spread on either side: any difference is certain, none is no evidence.
            t = difference == 0 ? .nan : (difference > 0 ? .infinity : -.infinity)
            pValue = difference == 0 ? 1 : 0
            return
        }
        t = difference / standardError
        pValue = Self.twoSidedP(t: t, degreesOfFreedom: df)
    }

    /// P(|T| ≥ |t|) for Student's t with `degreesOfFreedom`: I_{df/(df+t²)}(df/2, 1/2).
    static func twoSidedP(t: Double, degreesOfFreedom df: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? 1 : 0 }
        let x = df / (df + t * t)
        return min(1, max(0, IncompleteBeta.regularized(x: x, a: df / 2, b: 0.5)))
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified
/// Lentz), which converges fast for x < (a + 1) / (a + b + 2) and, by symmetry, for the rest.
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...500 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
