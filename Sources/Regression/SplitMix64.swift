/// Sebastiano Vigna's SplitMix64: a tiny generator whose output is fixed by its seed on every
/// platform and Swift version, so a bootstrap interval computed today is reproduced tomorrow.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in `0..<count`: the high word of `next() × count` (Lemire's multiply-shift,
    /// without rejection: the bias is below count / 2⁶⁴). Written out rather than
    /// `Int.random(in:using:)`, whose algorithm the standard library does not promise to keep.
    package mutating func nextIndex(below count: Int) -> Int {
        precondition(count > 0, "nextIndex(below:) needs a positive count")
        return Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }
}
