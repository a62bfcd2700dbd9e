import BenchModel
import Regression

/// A comparison with a bit of everything, for the report format tests: a significant creation
/// regression with phases, an efficiency below the floor, a cleanup failure, an unchanged
/// metric, a new and a missing one, rules whose metric the candidate lacks (two of specs it
/// planned: missing; two of specs it left out: skipped), user-supplied labels full of markup,
/// and environment differences.
package enum ReportSample {
    package static let hostileLabel = "run <42> & \"nightly\" | 'x'\nsecond line"

    package static var result: RunComparison {
        let base = Fixture.timings(create: 0.02, start: 0.31, run: 0.07, logs: 0.007, remove: 0.018)
        let slow = Fixture.timings(create: 0.021, start: 0.40, run: 0.07, logs: 0.007, remove: 0.019)
        let baselineSamples =
            Fixture.samples(
                .creationTime, [0.41, 0.405, 0.42, 0.412, 0.415, 0.409, 0.418, 0.411],
                phases: Array(repeating: base, count: 8))
            + Fixture.samples(.parallelEfficiency, [0.36])
            + Fixture.samples("e2e.cycle_s", [0.50, 0.51, 0.49, 0.50, 0.52])
            + Fixture.samples("warm.exec_s", [0.075])
            + Fixture.samples(.cleanupFailures, [0, 0])
        let candidateSamples =
            Fixture.samples(
                .creationTime, [0.51, 0.505, 0.52, 0.512, 0.515, 0.509, 0.518, 0.511],
                phases: Array(repeating: slow, count: 8))
            + Fixture.samples(.parallelEfficiency, [0.34])
            + Fixture.samples("e2e.cycle_s", [0.50, 0.51, 0.50, 0.49, 0.51])
            + Fixture.samples("seccomp.overhead_pct", [3.2])
            + Fixture.samples(.cleanupFailures, [0, 1])
        var environment = EnvironmentFingerprint(cpuCount: 2, kernel: "6.1.0", runcVersion: "1.1.5")
        let baseline = RunMeasurements(
            label: "baseline <default> & co", samples: baselineSamples, environment: environment)
        environment.runcVersion = "1.1.12 | <patched>"
        let scope = RunScope(
            specs: ["creation", "parallel", "cleanup", "e2e", "seccomp"], suite: "full",
            narrowing: "--spec creation, parallel, cleanup, e2e, seccomp")
        let candidate = RunMeasurements(
            label: hostileLabel, samples: candidateSamples, environment: environment, scope: scope)
        return RunComparison(baseline: Baseline(baseline), candidate: candidate)
    }
}
