import BenchModel

/// How one lifecycle phase moved between baseline and candidate: the median seconds spent in it.
package struct PhaseShift: Sendable, Codable, Hashable {
    package var phase: LifecyclePhase
    package var baselineMedian: Double
    package var currentMedian: Double
    /// Seconds; positive means the phase got slower.
    package var delta: Double

    package init(phase: LifecyclePhase, baselineMedian: Double, currentMedian: Double) {
        self.phase = phase
        self.baselineMedian = baselineMedian
        self.currentMedian = currentMedian
        self.delta = currentMedian - baselineMedian
    }

    /// One shift per phase of `phases` recorded on both sides, in lifecycle order. A baseline of
    /// several runs contributes the median of its runs' per-phase medians.
    package static func shifts(
        baselineRuns: [[Sample]], candidate: [Sample], phases: [LifecyclePhase] = LifecyclePhase.allCases
    ) -> [PhaseShift] {
        let current = medians(candidate)
        let perRun = baselineRuns.map(medians)
        return phases.sorted().compactMap { phase in
            let runMedians = perRun.compactMap { $0[phase] }
            guard let now = current[phase], !runMedians.isEmpty else { return nil }
            return PhaseShift(phase: phase, baselineMedian: Statistics.median(runMedians), currentMedian: now)
        }
    }

    /// The phase that got slower by the most seconds; nil when none got slower.
    package static func largestWorsening(in shifts: [PhaseShift]) -> PhaseShift? {
        shifts.filter { $0.delta > 0 }.max { $0.delta < $1.delta }
    }

    private static func medians(_ samples: [Sample]) -> [LifecyclePhase: Double] {
        var seconds: [LifecyclePhase: [Double]] = [:]
        for timings in samples.compactMap(\.phases) {
            for (phase, value) in timings.recorded where value.isFinite { seconds[phase, default: []].append(value) }
        }
        return seconds.mapValues(Statistics.median)
    }
}
