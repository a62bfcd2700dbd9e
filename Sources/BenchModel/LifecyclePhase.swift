/// The phases of one sandbox container's life, in order.
package enum LifecyclePhase: String, Sendable, Codable, CaseIterable, Comparable {
    case create
    case start
    /// Waiting for the container's process to exit.
    case run
    case logs
    case remove

    package static func < (lhs: LifecyclePhase, rhs: LifecyclePhase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Seconds spent in each lifecycle phase of one container. A phase that did not happen is absent.
package struct PhaseTimings: Sendable, Codable, Hashable {
    package private(set) var seconds: [LifecyclePhase: Double]

    package init(_ seconds: [LifecyclePhase: Double] = [:]) { self.seconds = seconds }

    package subscript(phase: LifecyclePhase) -> Double? {
        get { seconds[phase] }
        set { seconds[phase] = newValue }
    }

    package var isEmpty: Bool { seconds.isEmpty }

    /// The phases that happened, in lifecycle order.
    package var recorded: [(phase: LifecyclePhase, seconds: Double)] {
        LifecyclePhase.allCases.compactMap { phase in seconds[phase].map { (phase, $0) } }
    }

    package var total: Double { seconds.values.reduce(0, +) }

    /// Seconds until the code's output was in hand: every phase but the removal that follows it.
    package var untilOutput: Double { total - (seconds[.remove] ?? 0) }
}

/// One object keyed by phase name (`{"create": 0.021, "start": 0.31}`), as baseline files write
/// phases: readable, and the same bytes every time (a dictionary keyed by an enum would be written
/// as a list of alternating keys and values, in an order that changes from process to process).
extension PhaseTimings {
    private struct PhaseKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: PhaseKey.self)
        var seconds: [LifecyclePhase: Double] = [:]
        for key in container.allKeys {
            guard let phase = LifecyclePhase(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription:
                        "\"\(key.stringValue)\" is not a lifecycle phase (\(LifecyclePhase.allCases.map(\.rawValue).joined(separator: ", ")))."
                )
            }
            seconds[phase] = try container.decode(Double.self, forKey: key)
        }
        self.init(seconds)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PhaseKey.self)
        for (phase, seconds) in recorded {
            try container.encode(seconds, forKey: PhaseKey(stringValue: phase.rawValue))
        }
    }
}
