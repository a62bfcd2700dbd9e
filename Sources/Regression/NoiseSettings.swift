/// How a comparison tells a real change from the noise of a shared, 2-core machine.
package struct NoiseSettings: Sendable, Hashable {
    /// A change is significant only when the rank test's p-value is below this.
    package var alpha: Double
    /// Coverage of the bootstrap interval, 0.95 = 95 %.
    package var confidence: Double
    package var resamples: Int
    /// Relative changes up to this size (0.05 = 5 %) are `unchanged`, however significant.
    package var minimumEffect: Double
    /// Seed of the bootstrap's random generator: the same data give the same interval.
    package var seed: UInt64
    /// When true, a relative rule alerts only on a significant change; a large change that may
    /// be noise then passes with a note. Off by default: the default creation rule is "more
    /// than 20 % slower", and its alert says when the change is not significant.
    package var requiredForAlerts: Bool
    /// When true and the baseline is one run whose iterations took turns with the candidate's
    /// (`ab`), a time measured once per iteration on both sides is compared pair by pair
    /// (`PairedChange`: log-ratios of iteration i, Hodges–Lehmann, Wilcoxon signed-rank) instead
    /// of side against side. Off by default: a candidate and a baseline run measured at different
    /// times have no pairs.
    package var paired: Bool

    package init(
        alpha: Double = 0.05, confidence: Double = 0.95, resamples: Int = BootstrapInterval.defaultResamples,
        minimumEffect: Double = 0.05, seed: UInt64 = BootstrapInterval.defaultSeed, requiredForAlerts: Bool = false,
        paired: Bool = false
    ) {
        self.alpha = alpha
        self.confidence = confidence
        self.resamples = resamples
        self.minimumEffect = minimumEffect
        self.seed = seed
        self.requiredForAlerts = requiredForAlerts
        self.paired = paired
    }
}
