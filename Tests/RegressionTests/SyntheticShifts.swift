import Regression
import Testing

/// Nightly figures with a known shift, and the noise this host shows: a run's creation median
/// lands in one of two regimes 15 % apart (the shared VM's slow phases last tens of seconds, so
/// one run sits in one of them), plus a few percent of jitter. Each history is 120 nights.
struct SyntheticShifts: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable, CaseIterable {
        case tenPercent = "+10 % at night 60"
        case thirtyPercent = "+30 % at night 60"
        case creep = "+0.4 %/night, nights 60–89"
        case noise = "pure noise"
    }

    static let nights = 120
    static let shiftNight = 60
    static let creepNights = 30
    static let base = 0.333

    var kind: Kind
    var testDescription: String { kind.rawValue }

    /// The nights where a detection counts as finding the shift; empty for pure noise.
    var truth: ClosedRange<Int>? {
        switch kind {
        case .tenPercent, .thirtyPercent: Self.shiftNight...Self.shiftNight
        case .creep: Self.shiftNight...(Self.shiftNight + Self.creepNights - 1)
        case .noise: nil
        }
    }

    func level(night: Int) -> Double {
        switch kind {
        case .tenPercent: night >= Self.shiftNight ? 1.10 : 1
        case .thirtyPercent: night >= Self.shiftNight ? 1.30 : 1
        case .creep: 1 + 0.004 * Double(min(max(0, night - Self.shiftNight + 1), Self.creepNights))
        case .noise: 1
        }
    }

    func series(seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 17)
        return (0..<Self.nights).map { night in
            let regime = Double.random(in: 0..<1, using: &random) < 0.4 ? 1.15 : 1.0
            let jitter = 1 + Double.random(in: -0.03...0.03, using: &random)
            return Self.base * level(night: night) * regime * jitter
        }
    }
}

/// How well the detector finds the shifts of many histories of one kind.
struct DetectionScore: CustomStringConvertible {
    var histories = 0
    var found = 0
    var truePositives = 0
    var falsePositives = 0
    /// Detected night minus true night (for a creep, minus its first night).
    var offsets: [Int] = []

    /// A detection within `tolerance` nights (a week of nightly runs, less two) of the truth finds it; every other one is false.
    mutating func add(detected: [Int], truth: ClosedRange<Int>?, tolerance: Int = 5) {
        histories += 1
        var hit = false
        for index in detected {
            if let truth, index >= truth.lowerBound - tolerance, index <= truth.upperBound + tolerance {
                truePositives += 1
                offsets.append(index - truth.lowerBound)
                hit = true
            } else {
                falsePositives += 1
            }
        }
        if hit { found += 1 }
    }

    var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double { Double(found) / Double(max(1, histories)) }

    var description: String {
        let sorted = offsets.sorted()
        let where_ =
            sorted.isEmpty
            ? "none found" : "offsets \(sorted.first!)…\(sorted.last!), median \(sorted[sorted.count / 2])"
        return
            "histories \(histories), precision \(String(format: "%.2f", precision)), recall \(String(format: "%.2f", recall)), "
            + "true \(truePositives), false \(falsePositives), \(where_)"
    }
}
