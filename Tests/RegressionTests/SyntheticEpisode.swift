import Regression
import Testing

/// A short nightly history with an episode: the level goes up (or down) by `change` for
/// `length` runs from `start`, then comes back — the case of a slowdown found and fixed within a
/// few weeks. The noise is `SyntheticShifts`' (two regimes 15 % apart, a few percent of jitter).
struct SyntheticEpisode: Sendable, CustomTestStringConvertible {
    var runs: Int
    var start: Int
    var length: Int
    var change: Double

    var testDescription: String {
        "\(runs) runs, \(ValueFormat.change(change)) for runs \(start)–\(start + length - 1)"
    }

    /// The two true change points: where the episode starts and the first run after it.
    var truth: [Int] { [start, start + length] }

    /// True when `found` has a point within `tolerance` runs of each edge.
    func bothEdges(in found: [Int], tolerance: Int = 2) -> Bool {
        truth.allSatisfy { edge in found.contains { abs($0 - edge) <= tolerance } }
    }

    func series(seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 29)
        return (0..<runs).map { run in
            let regime = Double.random(in: 0..<1, using: &random) < 0.4 ? 1.15 : 1.0
            let jitter = 1 + Double.random(in: -0.03...0.03, using: &random)
            let level = (start..<(start + length)).contains(run) ? 1 + change : 1
            return SyntheticShifts.base * level * regime * jitter
        }
    }
}
