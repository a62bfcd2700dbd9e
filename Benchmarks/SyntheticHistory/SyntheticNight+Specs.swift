import BenchModel

/// The spec results of a synthetic night, one builder per spec of the suite.
extension SyntheticNight {
    mutating func creation() -> SpecResult {
        var spec = SpecResult(spec: "creation")
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            let create = phases[.create] ?? 0
            let start = phases[.start] ?? 0
            spec.samples += [
                Sample(metric: "creation.create_s", iteration: iteration, value: create),
                Sample(metric: "creation.start_s", iteration: iteration, value: start),
                Sample(metric: MetricID.creationTime, iteration: iteration, value: create + start, phases: phases),
            ]
            spec.containers.append(container(iteration))
        }
        spec.checks.append(Self.meanCheck("creation mean < 3 s", spec.values(of: .creationTime), below: 3))
        spec.wallSeconds = spec.samples.map(\.value).reduce(0, +) + 1.2
        return spec
    }

    mutating func overhead(_ name: String, direct: Double) -> SpecResult {
        var spec = SpecResult(spec: name)
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            let docker = phases.untilOutput
            let directSeconds = direct * noise(0.05)
            let codeSeconds = direct * 0.02 * noise(0.2)
            spec.samples += [
                Sample(metric: MetricID("\(name).docker_s"), iteration: iteration, value: docker, phases: phases),
                Sample(
                    metric: MetricID("\(name).docker_code_s"), iteration: iteration, value: codeSeconds * noise(0.1)),
                Sample(metric: MetricID("\(name).direct_s"), iteration: iteration, value: directSeconds),
                Sample(metric: MetricID("\(name).direct_code_s"), iteration: iteration, value: codeSeconds),
                Sample(
                    metric: MetricID("\(name).overhead_pct"), iteration: iteration,
                    value: (docker - directSeconds) / directSeconds * 100),
            ]
            spec.containers.append(container(iteration))
        }
        spec.checks.append(
            CheckResult(
                name: "overhead < 5 %", passed: false, informational: true, detail: "cold containers: informational"))
        if name == "overhead_pandas" && day % 97 == 0 {
            spec.notes.append("pandas is not installed on the host: the direct side used the image's interpreter.")
        }
        spec.wallSeconds = spec.samples.map(\.value).filter { $0 < 100 }.reduce(0, +) + 0.8
        return spec
    }

    mutating func parallel() -> SpecResult {
        var spec = SpecResult(spec: "parallel")
        for iteration in 0..<3 {
            let sequential = 5 * 0.44 * noise(0.05)
            let parallelWall = sequential / (1.7 * noise(0.08))
            let speedup = sequential / parallelWall
            spec.samples += [
                Sample(metric: "parallel.parallel_wall_s", iteration: iteration, value: parallelWall),
                Sample(metric: "parallel.sequential_wall_s", iteration: iteration, value: sequential),
                Sample(metric: "parallel.speedup", iteration: iteration, value: speedup),
                Sample(metric: MetricID.parallelEfficiency, iteration: iteration, value: speedup / 5),
            ]
            for _ in 0..<10 { spec.containers.append(container(iteration)) }
        }
        spec.checks.append(
            CheckResult(name: "speedup >= 2.0", passed: false, informational: true, detail: "2 cores for 5 containers"))
        spec.wallSeconds = 12
        return spec
    }

    mutating func cleanup() -> SpecResult {
        var spec = SpecResult(spec: "cleanup")
        var failures = 0
        for iteration in 0..<10 {
            let remove = 0.018 * noise(0.2)
            var record = container(iteration)
            if rareFailure(probability: 0.002) {
                failures += 1
                record.removed = false
                record.removalError = "Error response from daemon: removal of container is already in progress"
                spec.failures.append(
                    SampleFailure(metric: "cleanup.remove_s", iteration: iteration, reason: record.removalError ?? ""))
            } else {
                spec.samples.append(
                    Sample(
                        metric: "cleanup.remove_s", iteration: iteration, value: remove,
                        phases: PhaseTimings([.remove: remove])))
            }
            spec.containers.append(record)
        }
        spec.samples.append(Sample(metric: MetricID.cleanupFailures, iteration: 0, value: Double(failures)))
        spec.checks.append(
            CheckResult(name: "no cleanup failures", passed: failures == 0, detail: "\(failures) failures"))
        spec.wallSeconds = 5
        return spec
    }

    mutating func cleanupAll() -> SpecResult {
        var spec = SpecResult(spec: "cleanup_all")
        spec.samples += [
            Sample(metric: "cleanup_all.wall_s", iteration: 0, value: 0.12 * noise(0.2)),
            Sample(metric: MetricID.cleanupAllFailures, iteration: 0, value: 0),
        ]
        for iteration in 0..<5 { spec.containers.append(container(iteration)) }
        spec.checks.append(Self.meanCheck("cleanup_all < 5 s", spec.values(of: "cleanup_all.wall_s"), below: 5))
        spec.wallSeconds = 2.5
        return spec
    }

    mutating func endToEnd() -> SpecResult {
        var spec = SpecResult(spec: "e2e")
        var failures = 0
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            if rareFailure(probability: 0.003) {
                failures += 1
                spec.failures.append(
                    SampleFailure(
                        metric: "e2e.cycle_s", iteration: iteration,
                        reason: "The code printed nothing; expected 'result: 42'.",
                        output: "python: can't open file '/sandbox/main.py': [Errno 13] Permission denied\n"))
            } else {
                spec.samples.append(
                    Sample(metric: "e2e.cycle_s", iteration: iteration, value: phases.total, phases: phases))
            }
            spec.containers.append(container(iteration))
        }
        spec.samples.append(Sample(metric: MetricID.e2eFailures, iteration: 0, value: Double(failures)))
        spec.checks.append(Self.meanCheck("e2e mean < 5 s", spec.values(of: "e2e.cycle_s"), below: 5))
        spec.wallSeconds = 5.5
        return spec
    }

    mutating func memoryLimit() -> SpecResult {
        var spec = SpecResult(spec: "memory_limit")
        for limit in ["512m", "1g", "2g"] {
            for iteration in 0..<5 {
                let phases = lifecyclePhases()
                spec.samples.append(
                    Sample(
                        metric: MetricID("memory_limit.\(limit).cycle_s"), iteration: iteration, value: phases.total,
                        phases: phases))
                spec.containers.append(container(iteration))
            }
        }
        spec.wallSeconds = 7
        return spec
    }

    mutating func seccomp() -> SpecResult {
        var spec = SpecResult(spec: "seccomp")
        for profile in ["default", "unconfined", "profile"] {
            for iteration in 0..<5 {
                let phases = lifecyclePhases()
                spec.samples.append(
                    Sample(
                        metric: MetricID("seccomp.\(profile).cycle_s"), iteration: iteration, value: phases.total,
                        phases: phases))
                spec.containers.append(container(iteration))
            }
        }
        let confined = Statistics.median(spec.values(of: "seccomp.default.cycle_s"))
        let unconfined = Statistics.median(spec.values(of: "seccomp.unconfined.cycle_s"))
        let profileFile = Statistics.median(spec.values(of: "seccomp.profile.cycle_s"))
        spec.samples.append(
            Sample(metric: "seccomp.overhead_pct", iteration: 0, value: (confined - unconfined) / unconfined * 100))
        spec.samples.append(
            Sample(
                metric: "seccomp.profile_overhead_pct", iteration: 0,
                value: (profileFile - unconfined) / unconfined * 100))
        spec.wallSeconds = 4.6
        return spec
    }

    mutating func warm() -> SpecResult {
        var spec = SpecResult(spec: "warm")
        for iteration in 0..<10 {
            let exec = 0.056 * noise(0.1)
            let direct = 0.040 * noise(0.05)
            spec.samples += [
                Sample(metric: "warm.exec_s", iteration: iteration, value: exec),
                Sample(metric: "warm.code_s", iteration: iteration, value: 0.0006 * noise(0.2)),
                Sample(metric: "warm.direct_s", iteration: iteration, value: direct),
                Sample(metric: "warm.overhead_pct", iteration: iteration, value: (exec - direct) / direct * 100),
            ]
        }
        spec.containers.append(container(0))
        spec.wallSeconds = 1.4
        return spec
    }

    mutating func scaling() -> SpecResult {
        var spec = SpecResult(spec: "scaling")
        for n in [1, 2, 5, 10] {
            let speedup = min(Double(n), 1 + Double(n - 1) * 0.35) * noise(0.05)
            let wall = Double(n) * 0.44 / speedup
            spec.samples += [
                Sample(metric: MetricID("scaling.n\(n).wall_s"), iteration: 0, value: wall),
                Sample(metric: MetricID("scaling.n\(n).speedup"), iteration: 0, value: speedup),
                Sample(metric: MetricID("scaling.n\(n).efficiency"), iteration: 0, value: speedup / Double(n)),
            ]
            for iteration in 0..<n { spec.containers.append(container(iteration)) }
        }
        spec.wallSeconds = 11
        return spec
    }

    mutating func security() -> SpecResult {
        var spec = SpecResult(spec: "security")
        spec.samples.append(Sample(metric: "security.violations", iteration: 0, value: 0))
        for name in ["network none", "read-only root", "no new privileges", "capabilities dropped", "non-root user"] {
            spec.checks.append(CheckResult(name: name, passed: true, detail: "as configured"))
        }
        spec.containers.append(container(0))
        spec.wallSeconds = 0.9
        return spec
    }

    mutating func leftovers() -> SpecResult {
        SpecResult(
            spec: "run", samples: [Sample(metric: MetricID.leftoverContainers, iteration: 0, value: 0)],
            wallSeconds: 0.05)
    }
}
