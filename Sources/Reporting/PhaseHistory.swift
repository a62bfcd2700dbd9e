import BenchModel
import Foundation

/// The lifecycle phases of one metric's containers over the last runs: for each run, the
/// median seconds of each phase over the samples that carry phase timings.
package struct PhaseHistory: Sendable, Codable, Hashable {
    package var metric: MetricID
    /// One per run in the window, oldest first; runs without phase timings have no phases.
    package var runs: [PhaseRun]
}

package struct PhaseRun: Sendable, Codable, Hashable {
    package var runID: Int64
    package var startedAt: Date
    package var status: RunStatus
    /// Samples with phase timings behind the medians.
    package var sampleCount: Int
    /// In lifecycle order; only the phases that were recorded.
    package var phases: [PhaseMedian]
    package var isComparedBaseline: Bool
    package var alertCount: Int
    package var isReportedRun: Bool

    /// The height of the run's stack: the sum of the phase medians (not the median of the sums).
    package var stackedSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
    /// Like a trend, the chart draws completed runs only.
    package var isPlotted: Bool { status == .completed && !phases.isEmpty }
}

package struct PhaseMedian: Sendable, Codable, Hashable {
    package var phase: LifecyclePhase
    package var seconds: Double
}
