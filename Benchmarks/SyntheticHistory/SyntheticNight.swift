import BenchModel
import Foundation
import Regression

/// One synthetic nightly run: every spec and metric the suite records, with the iteration counts the real suite uses
/// and lifecycle phases near the ones measured on these machines. The same day and seed give
/// the same night, as long as its parts are drawn in the same order (one SplitMix64 stream).
package struct SyntheticNight {
    package let day: Int
    /// How many times longer than usual containers take to start: 1 on an ordinary night,
    /// more on a night the sandbox regressed.
    package var startSlowdown = 1.0
    /// Whether now and then a removal fails (1 in 500) or code prints nothing (1 in 333), as
    /// happens over years of real nights. Without them, the night draws the same figures.
    package var hasRareFailures = true
    var random: SplitMix64

    package init(day: Int, seed: UInt64) {
        self.day = day
        self.random = SplitMix64(seed: seed &+ UInt64(day) &* 7919)
    }

    /// How the run ends: most nights complete; 2 in 100 fail after three specs (the engine
    /// stopped answering), 1 in 100 is interrupted after eight.
    package mutating func outcome() -> SyntheticOutcome {
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.02 { return .failed(afterSpecs: 3) }
        if roll < 0.03 { return .aborted(afterSpecs: 8) }
        return .completed
    }

    /// The host and engine; the engine is upgraded every two years or so, the rest stays put.
    package mutating func environment() -> EnvironmentFingerprint {
        let era = day / 700
        return EnvironmentFingerprint(
            host: "bench-01", cpuModel: "Intel(R) Xeon(R) CPU @ 2.20GHz", cpuCount: 2, memoryBytes: 8_589_934_592,
            kernel: "6.1.0-\(10 + era)-amd64", os: "Debian GNU/Linux 12 (bookworm)", dockerVersion: "20.10.\(24 + era)",
            apiVersion: "1.41", containerdVersion: "1.6.\(20 + era)", runcVersion: "1.1.\(5 + era)",
            storageDriver: "overlay2",
            cgroupVersion: "2", defaultRuntime: "runc", imageID: Self.eraDigest(era, hex(64)),
            seccompProfileHash: Self.eraDigest(era + 97, hex(64)))
    }

    /// An image or profile digest that stays put for an era: the image is rebuilt with the
    /// engine. The random digits are drawn all the same, so that the night's figures stay as they were.
    static func eraDigest(_ era: Int, _ drawn: String) -> String {
        "sha256:" + String(repeating: String(format: "%02x", era % 256), count: 32)
    }

    /// The specs of a full run, in the order the suite runs them.
    package mutating func specs() -> [SpecResult] {
        [
            creation(), overhead(.simple, direct: 0.02), overhead(.compute, direct: 0.03),
            overhead(.pandas, direct: 0.35), parallel(), cleanup(), cleanupAll(), endToEnd(), memoryLimit(),
            seccomp(), warm(), scaling(), security(), leftovers(),
        ]
    }

    /// `count` random hexadecimal digits, for commit hashes and container and image IDs.
    package mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int.random(in: 0..<16, using: &random)] })
    }

    /// The check a spec reports on the mean of its values, as the suite words it.
    package static func meanCheck(_ name: String, _ values: [Double], below limit: Double) -> CheckResult {
        let mean = Statistics.mean(values)
        return CheckResult(
            name: name, passed: mean < limit, detail: String(format: "mean %.3f s (target < %.1f s)", mean, limit))
    }

    // MARK: Building blocks

    /// One container's lifecycle: create ≈ 23 ms, start ≈ 310 ms, wait ≈ 75 ms, logs ≈ 7 ms,
    /// remove ≈ 18 ms, with a slow drift over the years and nightly noise.
    mutating func lifecyclePhases() -> PhaseTimings {
        let drift = 1 + 0.1 * sin(Double(day) / 365 * 2 * .pi)
        return PhaseTimings([
            .create: 0.023 * noise(0.15), .start: 0.310 * drift * noise(0.1) * startSlowdown, .run: 0.075 * noise(0.1),
            .logs: 0.007 * noise(0.2), .remove: 0.018 * noise(0.2),
        ])
    }

    /// A factor near 1 with the given relative spread. Drawn after `specs()`, it leaves the
    /// night's figures as they are.
    package mutating func noise(_ spread: Double) -> Double {
        1 + Double.random(in: -spread...spread, using: &random)
    }

    /// Whether a rare failure of the given probability strikes. The draw is made even on a
    /// night without rare failures, so that the rest of the night stays the same.
    mutating func rareFailure(probability: Double) -> Bool {
        let roll = Double.random(in: 0..<1, using: &random)
        return hasRareFailures && roll < probability
    }

    mutating func container(_ iteration: Int) -> ContainerRecord {
        ContainerRecord(id: hex(64), iteration: iteration, removed: true)
    }
}
