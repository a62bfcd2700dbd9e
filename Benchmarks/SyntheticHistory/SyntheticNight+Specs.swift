import BenchModel

/// The spec results of a synthetic night, one builder per spec of the suite, each recording the
/// metrics its spec declares.
extension SyntheticNight {
    mutating func creation() -> SpecResult {
        let metrics = Metric.creation
        var spec = SpecResult(spec: metrics.createStart.spec)
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            let create = phases[.create] ?? 0
            let start = phases[.start] ?? 0
            spec.samples += [
                Sample(metric: metrics.create.id, iteration: iteration, value: create),
                Sample(metric: metrics.start.id, iteration: iteration, value: start),
                Sample(metric: metrics.createStart.id, iteration: iteration, value: create + start, phases: phases),
            ]
            spec.containers.append(container(iteration))
        }
        spec.checks.append(Self.meanCheck("creation mean < 3 s", spec.values(of: metrics.createStart.id), below: 3))
        spec.wallSeconds = spec.samples.map(\.value).reduce(0, +) + 1.2
        return spec
    }

    mutating func overhead(_ code: OverheadMetrics.Code, direct: Double) -> SpecResult {
        let metrics = Metric.overhead
        var spec = SpecResult(spec: metrics.docker(code).spec)
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            let docker = phases.untilOutput
            let directSeconds = direct * noise(0.05)
            let codeSeconds = direct * 0.02 * noise(0.2)
            spec.samples += [
                Sample(metric: metrics.docker(code).id, iteration: iteration, value: docker, phases: phases),
                Sample(metric: metrics.dockerCode(code).id, iteration: iteration, value: codeSeconds * noise(0.1)),
                Sample(metric: metrics.direct(code).id, iteration: iteration, value: directSeconds),
                Sample(metric: metrics.directCode(code).id, iteration: iteration, value: codeSeconds),
                Sample(
                    metric: metrics.overhead(code).id, iteration: iteration,
                    value: (docker - directSeconds) / directSeconds * 100),
            ]
            spec.containers.append(container(iteration))
        }
        spec.checks.append(
            CheckResult(
                name: "overhead < 5 %", passed: false, informational: true, detail: "cold containers: informational"))
        if code.hostModule != nil && day % 97 == 0 {
            spec.notes.append("pandas is not installed on the host: the direct side used the image's interpreter.")
        }
        spec.wallSeconds = spec.samples.map(\.value).filter { $0 < 100 }.reduce(0, +) + 0.8
        return spec
    }

    mutating func parallel() -> SpecResult {
        let metrics = Metric.parallel
        var spec = SpecResult(spec: metrics.efficiency.spec)
        for iteration in 0..<3 {
            let sequential = 5 * 0.44 * noise(0.05)
            let parallelWall = sequential / (1.7 * noise(0.08))
            let speedup = sequential / parallelWall
            spec.samples += [
                Sample(metric: metrics.parallelWall.id, iteration: iteration, value: parallelWall),
                Sample(metric: metrics.sequentialWall.id, iteration: iteration, value: sequential),
                Sample(metric: metrics.speedup.id, iteration: iteration, value: speedup),
                Sample(metric: metrics.efficiency.id, iteration: iteration, value: speedup / 5),
            ]
            for _ in 0..<10 { spec.containers.append(container(iteration)) }
        }
        spec.checks.append(
            CheckResult(name: "speedup >= 2.0", passed: false, informational: true, detail: "2 cores for 5 containers"))
        spec.wallSeconds = 12
        return spec
    }

    mutating func cleanup() -> SpecResult {
        let metrics = Metric.cleanup
        var spec = SpecResult(spec: metrics.remove.spec)
        var failures = 0
        for iteration in 0..<10 {
            let remove = 0.018 * noise(0.2)
            var record = container(iteration)
            if rareFailure(probability: 0.002) {
                failures += 1
                record.removed = false
                record.removalError = "Error response from daemon: removal of container is already in progress"
                spec.failures.append(
                    SampleFailure(metric: metrics.remove.id, iteration: iteration, reason: record.removalError ?? ""))
            } else {
                spec.samples.append(
                    Sample(
                        metric: metrics.remove.id, iteration: iteration, value: remove,
                        phases: PhaseTimings([.remove: remove])))
            }
            spec.containers.append(record)
        }
        spec.samples.append(Sample(metric: metrics.failures.id, iteration: 0, value: Double(failures)))
        spec.checks.append(
            CheckResult(name: "no cleanup failures", passed: failures == 0, detail: "\(failures) failures"))
        spec.wallSeconds = 5
        return spec
    }

    mutating func cleanupAll() -> SpecResult {
        let metrics = Metric.cleanupAll
        var spec = SpecResult(spec: metrics.wall.spec)
        spec.samples += [
            Sample(metric: metrics.wall.id, iteration: 0, value: 0.12 * noise(0.2)),
            Sample(metric: metrics.failures.id, iteration: 0, value: 0),
        ]
        for iteration in 0..<5 { spec.containers.append(container(iteration)) }
        spec.checks.append(Self.meanCheck("cleanup_all < 5 s", spec.values(of: metrics.wall.id), below: 5))
        spec.wallSeconds = 2.5
        return spec
    }

    mutating func endToEnd() -> SpecResult {
        let metrics = Metric.e2e
        var spec = SpecResult(spec: metrics.cycle.spec)
        var failures = 0
        for iteration in 0..<10 {
            let phases = lifecyclePhases()
            if rareFailure(probability: 0.003) {
                failures += 1
                spec.failures.append(
                    SampleFailure(
                        metric: metrics.cycle.id, iteration: iteration,
                        reason: "The code printed nothing; expected 'result: 42'.",
                        output: "python: can't open file '/sandbox/main.py': [Errno 13] Permission denied\n"))
            } else {
                spec.samples.append(
                    Sample(metric: metrics.cycle.id, iteration: iteration, value: phases.total, phases: phases))
            }
            spec.containers.append(container(iteration))
        }
        spec.samples.append(Sample(metric: metrics.failures.id, iteration: 0, value: Double(failures)))
        spec.checks.append(Self.meanCheck("e2e mean < 5 s", spec.values(of: metrics.cycle.id), below: 5))
        spec.wallSeconds = 5.5
        return spec
    }

    mutating func memoryLimit() -> SpecResult {
        let metrics = Metric.memoryLimit
        var spec = SpecResult(spec: metrics.cycle(.mb512).spec)
        for size in MemoryLimitMetrics.Size.allCases {
            for iteration in 0..<5 {
                let phases = lifecyclePhases()
                spec.samples.append(
                    Sample(metric: metrics.cycle(size).id, iteration: iteration, value: phases.total, phases: phases))
                spec.containers.append(container(iteration))
            }
        }
        spec.wallSeconds = 7
        return spec
    }

    mutating func seccomp() -> SpecResult {
        let metrics = Metric.seccomp
        var spec = SpecResult(spec: metrics.overhead.spec)
        for seccompCase in SeccompMetrics.Case.allCases {
            for iteration in 0..<5 {
                let phases = lifecyclePhases()
                spec.samples.append(
                    Sample(
                        metric: metrics.cycle(seccompCase).id, iteration: iteration, value: phases.total,
                        phases: phases))
                spec.containers.append(container(iteration))
            }
        }
        let confined = Statistics.median(spec.values(of: metrics.cycle(.dockerDefault).id))
        let unconfined = Statistics.median(spec.values(of: metrics.cycle(.unconfined).id))
        let profileFile = Statistics.median(spec.values(of: metrics.cycle(.profile).id))
        spec.samples.append(
            Sample(metric: metrics.overhead.id, iteration: 0, value: (confined - unconfined) / unconfined * 100))
        spec.samples.append(
            Sample(
                metric: metrics.profileOverhead.id, iteration: 0, value: (profileFile - unconfined) / unconfined * 100))
        spec.samples.append(Sample(metric: metrics.profileViolations.id, iteration: 0, value: 0))
        spec.wallSeconds = 4.6
        return spec
    }

    mutating func warm() -> SpecResult {
        let metrics = Metric.warm
        var spec = SpecResult(spec: metrics.exec.spec)
        for iteration in 0..<10 {
            let exec = 0.056 * noise(0.1)
            let direct = 0.040 * noise(0.05)
            spec.samples += [
                Sample(metric: metrics.exec.id, iteration: iteration, value: exec),
                Sample(metric: metrics.code.id, iteration: iteration, value: 0.0006 * noise(0.2)),
                Sample(metric: metrics.direct.id, iteration: iteration, value: direct),
                Sample(metric: metrics.overhead.id, iteration: iteration, value: (exec - direct) / direct * 100),
            ]
        }
        spec.containers.append(container(0))
        spec.wallSeconds = 1.4
        return spec
    }

    mutating func scaling() -> SpecResult {
        let metrics = Metric.scaling
        var spec = SpecResult(spec: metrics.wall(.n1).spec)
        for level in ScalingMetrics.Level.allCases {
            let n = level.rawValue
            let speedup = min(Double(n), 1 + Double(n - 1) * 0.35) * noise(0.05)
            let wall = Double(n) * 0.44 / speedup
            spec.samples += [
                Sample(metric: metrics.wall(level).id, iteration: 0, value: wall),
                Sample(metric: metrics.speedup(level).id, iteration: 0, value: speedup),
                Sample(metric: metrics.efficiency(level).id, iteration: 0, value: speedup / Double(n)),
            ]
            for iteration in 0..<n { spec.containers.append(container(iteration)) }
        }
        spec.wallSeconds = 11
        return spec
    }

    mutating func security() -> SpecResult {
        let metrics = Metric.security
        var spec = SpecResult(spec: metrics.violations.spec)
        spec.samples.append(Sample(metric: metrics.violations.id, iteration: 0, value: 0))
        for name in ["network none", "read-only root", "no new privileges", "capabilities dropped", "non-root user"] {
            spec.checks.append(CheckResult(name: name, passed: true, detail: "as configured"))
        }
        spec.containers.append(container(0))
        spec.wallSeconds = 0.9
        return spec
    }

    mutating func leftovers() -> SpecResult {
        SpecResult(
            spec: RunMetrics.spec, samples: [Sample(metric: Metric.run.leftoverContainers.id, iteration: 0, value: 0)],
            wallSeconds: 0.05)
    }
}
