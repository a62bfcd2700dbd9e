import BenchModel

/// Spec results with every kind of content the store keeps.
enum SpecExamples {
    static func phases(
        _ create: Double, _ start: Double, run: Double? = 0.075, logs: Double? = 0.007, remove: Double? = 0.018
    ) -> PhaseTimings {
        var timings = PhaseTimings([.create: create, .start: start])
        timings[.run] = run
        timings[.logs] = logs
        timings[.remove] = remove
        return timings
    }

    /// A creation spec whose create_start_s values are `values`.
    static func creation(_ values: [Double] = [0.33, 0.35, 0.31]) -> SpecResult {
        SpecResult(
            spec: "creation",
            samples: values.enumerated().map { iteration, value in
                Sample(metric: .creationTime, iteration: iteration, value: value, phases: phases(0.02, value - 0.02))
            },
            checks: [CheckResult(name: "creation mean < 3 s", passed: true, detail: "mean below 3 s")],
            containers: values.indices.map { ContainerRecord(id: "container-\($0)", iteration: $0, removed: true) },
            wallSeconds: 4.2)
    }

    /// A spec with several metrics, phases partly missing, an informational check, failures
    /// with container output, notes and a container whose removal failed.
    static func full() -> SpecResult {
        SpecResult(
            spec: "e2e",
            samples: [
                Sample(metric: "e2e.cycle_s", iteration: 0, value: 0.44, phases: phases(0.023, 0.31, run: 0.082)),
                Sample(
                    metric: "e2e.cycle_s", iteration: 1, value: 0.47,
                    phases: phases(0.025, 0.33, run: 0.115, logs: nil, remove: nil)),
                Sample(metric: "e2e.cycle_s", iteration: 3, value: 0.45, phases: phases(0.021, 0.32, run: 0.084)),
                Sample(metric: "e2e.failures", iteration: 0, value: 1),
            ],
            checks: [
                CheckResult(name: "e2e mean < 5 s", passed: true, detail: "mean 0.453 s"),
                CheckResult(
                    name: "speedup >= 2.0", passed: false, informational: true, detail: "2 cores for 5 containers"),
            ],
            failures: [
                SampleFailure(
                    metric: "e2e.cycle_s", iteration: 2, reason: "The code printed nothing; expected 'result: 42'.",
                    output:
                        "python: can't open file '/sandbox/main.py': [Errno 13] Permission denied\nsecond line, with \"quotes\""
                ),
                SampleFailure(iteration: 4, reason: "The container could not be created."),
            ],
            notes: ["pandas is not installed on the host.", "ünïcödé and emoji 🐳 survive"],
            containers: [
                ContainerRecord(id: "aaa", iteration: 0, removed: true),
                ContainerRecord(id: "bbb", iteration: 1, removed: false, removalError: "removal already in progress"),
            ],
            wallSeconds: 5.25)
    }

    static let environment = EnvironmentFingerprint(
        host: "bench-01", cpuModel: "Test CPU", cpuCount: 2, memoryBytes: 8_589_934_592, kernel: "6.1.0-13-amd64",
        os: "Debian GNU/Linux 12", dockerVersion: "20.10.24", apiVersion: "1.41", containerdVersion: "1.6.20",
        runcVersion: "1.1.5", storageDriver: "overlay2", cgroupVersion: "2", defaultRuntime: "runc",
        imageID: "sha256:abc", seccompProfileHash: "def")
}
