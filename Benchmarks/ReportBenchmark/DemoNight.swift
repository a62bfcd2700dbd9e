import BenchModel
import Foundation

/// The specs of one demo night, with lifecycle phases near the ones measured on these machines
/// (create ≈ 23 ms, start ≈ 310 ms, wait ≈ 75 ms, logs ≈ 7 ms, remove ≈ 18 ms) and nightly noise.
struct DemoNight {
    let day: Int
    let regressed: Bool
    let runcUpgraded: Bool
    /// The night's creation spec loses one iteration to code that could not read its file.
    var losesAnIteration = false
    var random: DemoRandom

    init(day: Int, regressed: Bool, runcUpgraded: Bool) {
        self.day = day
        self.regressed = regressed
        self.runcUpgraded = runcUpgraded
        self.random = DemoRandom(seed: 0xD3_40 &+ UInt64(day) &* 7919)
    }

    func environment() -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            host: "bench-01", cpuModel: "Intel(R) Xeon(R) CPU @ 2.20GHz", cpuCount: 2, memoryBytes: 8_589_934_592,
            kernel: "6.1.0-28-amd64", os: "Debian GNU/Linux 12 (bookworm)", dockerVersion: "20.10.24", apiVersion: "1.41",
            containerdVersion: "1.6.20", runcVersion: runcUpgraded ? "1.1.12" : "1.1.5", storageDriver: "overlay2",
            cgroupVersion: "2", defaultRuntime: "runc", imageID: "sha256:5e0ab2063c1f9d7a", seccompProfileHash: "9f2c41d0")
    }

    mutating func specs() -> [SpecResult] {
        [creation(), overhead(), parallel(), cleanup(), cleanupAll(), endToEnd(), warm(), leftovers()]
    }

    mutating func creation() -> SpecResult {
        var spec = SpecResult(spec: "creation", wallSeconds: 6)
        for iteration in 0..<10 {
            let phases = lifecycle()
            let value = (phases[.create] ?? 0) + (phases[.start] ?? 0)
            spec.samples += [
                Sample(metric: "creation.create_s", iteration: iteration, value: phases[.create] ?? 0),
                Sample(metric: "creation.start_s", iteration: iteration, value: phases[.start] ?? 0),
                Sample(metric: .creationTime, iteration: iteration, value: value, phases: phases),
            ]
            spec.containers.append(ContainerRecord(id: hex(64), iteration: iteration, removed: true))
        }
        if losesAnIteration {
            spec.samples.removeAll { $0.iteration == 9 }
            spec.failures.append(
                SampleFailure(
                    metric: .creationTime, iteration: 9, reason: "The code printed <nothing>; expected 'result: 42'.",
                    output: "Traceback (most recent call last):\n  File \"<string>\", line 1\n</pre><b>not bold</b>\nPermissionError: [Errno 13] Permission denied: '/sandbox/main.py'\n"))
        }
        let mean = Statistics.mean(spec.values(of: .creationTime))
        spec.checks.append(
            CheckResult(name: "creation mean < 3 s", passed: mean < 3, detail: String(format: "mean %.3f s (target < 3 s)", mean)))
        return spec
    }

    mutating func overhead() -> SpecResult {
        var spec = SpecResult(spec: "overhead_simple", wallSeconds: 7)
        for iteration in 0..<10 {
            let phases = lifecycle()
            let direct = 0.021 * noise(0.05)
            spec.samples += [
                Sample(metric: "overhead_simple.docker_s", iteration: iteration, value: phases.total, phases: phases),
                Sample(metric: "overhead_simple.direct_s", iteration: iteration, value: direct),
                Sample(metric: "overhead_simple.overhead_pct", iteration: iteration, value: (phases.total - direct) / direct * 100),
            ]
        }
        spec.checks.append(
            CheckResult(name: "overhead < 5 %", passed: false, informational: true, detail: "cold containers: informational"))
        return spec
    }

    mutating func parallel() -> SpecResult {
        var spec = SpecResult(spec: "parallel", wallSeconds: 9)
        for iteration in 0..<3 {
            let sequential = 5 * 0.44 * noise(0.05)
            let speedup = 1.7 * noise(0.08) * (regressed ? 0.9 : 1)
            spec.samples += [
                Sample(metric: "parallel.sequential_wall_s", iteration: iteration, value: sequential),
                Sample(metric: "parallel.parallel_wall_s", iteration: iteration, value: sequential / speedup),
                Sample(metric: "parallel.speedup", iteration: iteration, value: speedup),
                Sample(metric: .parallelEfficiency, iteration: iteration, value: speedup / 5),
            ]
        }
        let speedup = Statistics.median(spec.values(of: "parallel.speedup"))
        spec.checks.append(
            CheckResult(
                name: "speedup ≥ 2.0", passed: speedup >= 2, informational: true,
                detail: String(format: "speedup %.2f with 5 containers on 2 CPUs: informational", speedup)))
        return spec
    }

    mutating func cleanup() -> SpecResult {
        var spec = SpecResult(spec: "cleanup", wallSeconds: 3)
        for iteration in 0..<5 {
            spec.samples.append(Sample(metric: "cleanup.remove_s", iteration: iteration, value: 0.018 * noise(0.2)))
            spec.containers.append(ContainerRecord(id: hex(64), iteration: iteration, removed: true))
        }
        spec.samples.append(Sample(metric: .cleanupFailures, iteration: 0, value: 0))
        spec.checks.append(CheckResult(name: "no cleanup failure", passed: true, detail: "0 of 5 removals failed"))
        return spec
    }

    mutating func cleanupAll() -> SpecResult {
        var spec = SpecResult(spec: "cleanup_all", wallSeconds: 3)
        spec.samples += [
            Sample(metric: "cleanup_all.wall_s", iteration: 0, value: 0.12 * noise(0.2)),
            Sample(metric: "cleanup_all.failures", iteration: 0, value: 0),
        ]
        for iteration in 0..<5 { spec.containers.append(ContainerRecord(id: hex(64), iteration: iteration, removed: true)) }
        spec.checks.append(CheckResult(name: "cleanup_all < 5 s", passed: true, detail: "5 live containers removed"))
        return spec
    }

    mutating func endToEnd() -> SpecResult {
        var spec = SpecResult(spec: "e2e", wallSeconds: 6)
        for iteration in 0..<10 {
            let phases = lifecycle()
            spec.samples.append(Sample(metric: "e2e.cycle_s", iteration: iteration, value: phases.total, phases: phases))
        }
        spec.samples.append(Sample(metric: .e2eFailures, iteration: 0, value: 0))
        let mean = Statistics.mean(spec.values(of: "e2e.cycle_s"))
        spec.checks.append(CheckResult(name: "e2e mean < 5 s", passed: mean < 5, detail: String(format: "mean %.3f s (target < 5 s)", mean)))
        return spec
    }

    mutating func warm() -> SpecResult {
        var spec = SpecResult(spec: "warm", wallSeconds: 2)
        for iteration in 0..<10 {
            let exec = 0.075 * noise(0.1)
            let direct = 0.021 * noise(0.05)
            spec.samples += [
                Sample(metric: "warm.exec_s", iteration: iteration, value: exec),
                Sample(metric: "warm.direct_s", iteration: iteration, value: direct),
                Sample(metric: "warm.overhead_pct", iteration: iteration, value: (exec - direct) / direct * 100),
            ]
        }
        if day % 10 == 9 {
            spec.notes.append("The host interpreter is a pyenv shim <~/.pyenv/shims/python3>; its real executable was used.")
        }
        return spec
    }

    func leftovers() -> SpecResult {
        SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)], wallSeconds: 0.1)
    }

    mutating func lifecycle() -> PhaseTimings {
        let drift = 1 + 0.04 * sin(Double(day) / 5)
        return PhaseTimings([
            .create: 0.023 * noise(0.15), .start: 0.310 * drift * noise(0.08) * (regressed ? 1.45 : 1),
            .run: 0.075 * noise(0.1), .logs: 0.007 * noise(0.2), .remove: 0.018 * noise(0.2),
        ])
    }

    mutating func noise(_ spread: Double) -> Double {
        1 + Double.random(in: -spread...spread, using: &random)
    }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int.random(in: 0..<16, using: &random)] })
    }
}

/// SplitMix64, so that every demo database holds the same figures.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
