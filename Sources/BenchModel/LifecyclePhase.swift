/// The phases of one sandbox container's life, in order.
public enum LifecyclePhase: String, Sendable, Codable, CaseIterable, Comparable {
    case create
    case start
    /// Waiting for the container's process to exit.
    case run
    case logs
    case remove

    public static func < (lhs: LifecyclePhase, rhs: LifecyclePhase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Seconds spent in each lifecycle phase of one container. A phase that did not happen is absent.
public struct PhaseTimings: Sendable, Codable, Hashable {
    public private(set) var seconds: [LifecyclePhase: Double]

    public init(_ seconds: [LifecyclePhase: Double] = [:]) { self.seconds = seconds }

    public subscript(phase: LifecyclePhase) -> Double? {
        get { seconds[phase] }
        set { seconds[phase] = newValue }
    }

    public var isEmpty: Bool { seconds.isEmpty }

    /// The phases that happened, in lifecycle order.
    public var recorded: [(phase: LifecyclePhase, seconds: Double)] {
        LifecyclePhase.allCases.compactMap { phase in seconds[phase].map { (phase, $0) } }
    }

    public var total: Double { seconds.values.reduce(0, +) }

    /// Seconds until the code's output was in hand: every phase but the removal that follows it.
    public var untilOutput: Double { total - (seconds[.remove] ?? 0) }
}
