import BenchModel
import Foundation

/// The lifecycle phases of one metric's containers over the last runs: for each run, the
/// median seconds of each phase over the samples that carry phase timings.
public struct PhaseHistory: Sendable, Codable, Hashable {
    public var metric: MetricID
    /// One per run in the window, oldest first; runs without phase timings have no phases.
    public var runs: [PhaseRun]
}

public struct PhaseRun: Sendable, Codable, Hashable {
    public var runID: Int64
    public var startedAt: Date
    public var status: RunStatus
    /// Samples with phase timings behind the medians.
    public var sampleCount: Int
    /// In lifecycle order; only the phases that were recorded.
    public var phases: [PhaseMedian]
    public var isComparedBaseline: Bool
    public var alertCount: Int
    public var isReportedRun: Bool

    /// The height of the run's stack: the sum of the phase medians (not the median of the sums).
    public var stackedSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
    /// Like a trend, the chart draws completed runs only.
    public var isPlotted: Bool { status == .completed && !phases.isEmpty }
}

public struct PhaseMedian: Sendable, Codable, Hashable {
    public var phase: LifecyclePhase
    public var seconds: Double
}
