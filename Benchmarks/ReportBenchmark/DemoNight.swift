import BenchModel
import SyntheticHistory

/// One night of the demo: a synthetic night (see SyntheticHistory) with the demo's specifics.
/// Its only alert is to be its regression, so it has none of the rare removal failures of
/// years of nights; its engine keeps one image and seccomp profile, so that the only
/// environment difference a report shows is the runc upgrade; its warm reuse is compared with
/// the host interpreter, as the report charts it; and a note and a container's output carry
/// markup that a report must escape.
struct DemoNight {
    /// Every demo database holds the same figures.
    static let seed: UInt64 = 0xD340
    /// How many times longer containers take to start on the night the sandbox regressed.
    static let regressionSlowdown = 1.45
    /// A slow creep: containers start this much slower every night, +12 % over 30 nights, which
    /// no night-versus-baseline comparison flags and the change points find.
    static let nightlyCreep = 0.004

    private var night: SyntheticNight
    let runcUpgraded: Bool
    /// The night's creation spec loses one iteration to code that could not read its file.
    let losesAnIteration: Bool

    init(day: Int, regressed: Bool, runcUpgraded: Bool, losesAnIteration: Bool) {
        night = SyntheticNight(day: day, seed: Self.seed)
        night.hasRareFailures = false
        night.startSlowdown = (regressed ? Self.regressionSlowdown : 1) * (1 + Self.nightlyCreep * Double(day))
        self.runcUpgraded = runcUpgraded
        self.losesAnIteration = losesAnIteration
    }

    mutating func gitCommit() -> String {
        night.hex(40)
    }

    mutating func environment() -> EnvironmentFingerprint {
        var environment = night.environment()
        environment.imageID = "sha256:5e0ab2063c1f9d7a"
        environment.seccompProfileHash = "9f2c41d0"
        environment.runcVersion = runcUpgraded ? "1.1.12" : "1.1.5"
        return environment
    }

    mutating func specs() -> [SpecResult] {
        var specs = night.specs()
        for index in specs.indices {
            switch specs[index].spec {
            case "creation" where losesAnIteration: specs[index] = losingLastIteration(specs[index])
            case "warm": specs[index] = notingTheShim(specs[index])
            default: break
            }
        }
        return specs
    }

    /// The creation spec without its last iteration's samples, which failed because the code
    /// could not read its file, and with its check on the iterations that remain.
    func losingLastIteration(_ creation: SpecResult) -> SpecResult {
        var spec = creation
        let last = spec.samples.map(\.iteration).max() ?? 0
        spec.samples.removeAll { $0.iteration == last }
        spec.failures.append(
            SampleFailure(
                metric: Metric.creation.createStart.id, iteration: last,
                reason: "The code printed <nothing>; expected 'result: 42'.",
                output:
                    "Traceback (most recent call last):\n  File \"<string>\", line 1\n</pre><b>not bold</b>\nPermissionError: [Errno 13] Permission denied: '/sandbox/main.py'\n"
            ))
        spec.checks = [
            SyntheticNight.meanCheck("creation mean < 3 s", spec.values(of: Metric.creation.createStart.id), below: 3)
        ]
        return spec
    }

    /// The warm spec as measured; every tenth night the host interpreter is a shim, and says so.
    func notingTheShim(_ warm: SpecResult) -> SpecResult {
        var spec = warm
        if night.day % 10 == 9 {
            spec.notes.append(
                "The host interpreter is a pyenv shim <~/.pyenv/shims/python3>; its real executable was used.")
        }
        return spec
    }
}
