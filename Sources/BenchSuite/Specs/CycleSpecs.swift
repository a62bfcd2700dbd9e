import BenchModel
import EngineInterface
import Sandbox

/// The full cycle create → run → logs → remove, failures counted.
enum EndToEndSpec {
    static let metrics = Metric.e2e

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        // By iteration: an iteration taken again (see `SpecContext.iterate`) counts once.
        var failed: Set<Int> = []
        try await context.iterate(.e2e) { iteration in
            failed.remove(iteration)
            let lifecycle = try await context.lifecycle(
                .simple, spec: .e2e, iteration: iteration, metric: metrics.cycle, recorder: recorder)
            guard iteration >= 0 else { return }
            guard lifecycle.isValid else {
                failed.insert(iteration)
                return
            }
            recorder.record(
                metrics.cycle, iteration: iteration, value: lifecycle.result.phases.total,
                phases: lifecycle.result.phases)
        }
        recorder.record(metrics.failures, iteration: 0, value: Double(failed.count))
        recorder.checkMean(metrics.cycle, below: 5.0, name: "e2e mean < 5 s")
    }
}

/// The full cycle under several configurations, interleaved: every iteration runs each
/// configuration once, in an order that rotates, so that drift spreads evenly. Each
/// configuration's cycle is its own metric; the cycles come back by metric and iteration.
enum ConfigurationCycles {
    static func run(
        _ spec: SpecName, configurations: [(metric: Metric, profile: SandboxProfile)], _ context: SpecContext,
        _ recorder: SpecRecorder
    ) async throws -> [MetricID: [Int: Double]] {
        var cycles: [MetricID: [Int: Double]] = [:]
        try await context.iterate(spec) { iteration in
            // An iteration taken again (see `SpecContext.iterate`) keeps only its last figures.
            for metric in configurations.map(\.metric) { cycles[metric.id]?[iteration] = nil }
            let shift = ((iteration % configurations.count) + configurations.count) % configurations.count
            for (metric, profile) in configurations[shift...] + configurations[..<shift] {
                let lifecycle = try await context.lifecycle(
                    .simple, profile: profile, spec: spec, iteration: iteration, metric: metric, recorder: recorder)
                guard lifecycle.isValid, iteration >= 0 else { continue }
                recorder.record(
                    metric, iteration: iteration, value: lifecycle.result.phases.total, phases: lifecycle.result.phases)
                cycles[metric.id, default: [:]][iteration] = lifecycle.result.phases.total
            }
        }
        return cycles
    }

    /// Per-iteration relative difference of `metric` against `reference`, in percent.
    static func overhead(_ cycles: [MetricID: [Int: Double]], _ metric: Metric, against reference: Metric) -> [(
        Int, Double
    )] {
        guard let measured = cycles[metric.id], let baseline = cycles[reference.id] else { return [] }
        return measured.keys.sorted().compactMap { iteration in
            guard let value = measured[iteration], let base = baseline[iteration], base > 0 else { return nil }
            return (iteration, (value - base) / base * 100)
        }
    }
}

/// The cycle at 512m, 1g and 2g memory limits (informational).
enum MemoryLimitSpec {
    static let metrics = Metric.memoryLimit

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        let configurations = MemoryLimitMetrics.Size.allCases.map { size -> (metric: Metric, profile: SandboxProfile) in
            var profile = context.profile
            profile.memoryBytes = size.bytes
            profile.memorySwapBytes = nil
            return (metrics.cycle(size), profile)
        }
        _ = try await ConfigurationCycles.run(.memoryLimit, configurations: configurations, context, recorder)
    }
}

/// The cycle with Docker's default seccomp profile, without seccomp, and with a profile file;
/// the overhead of filtering relative to unconfined.
enum SeccompSpec {
    static let metrics = Metric.seccomp

    /// The policy each case of the declarations measures.
    static func policy(_ seccompCase: SeccompMetrics.Case, _ context: SpecContext) -> SeccompPolicy {
        switch seccompCase {
        case .dockerDefault: .dockerDefault
        case .unconfined: .unconfined
        case .profile: context.seccompProfileFile
        }
    }

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        let configurations = SeccompMetrics.Case.allCases.map {
            seccompCase -> (metric: Metric, profile: SandboxProfile) in
            var profile = context.profile
            profile.seccomp = policy(seccompCase, context)
            return (metrics.cycle(seccompCase), profile)
        }
        if case .profile(let path, _) = context.seccompProfileFile {
            recorder.note("The seccomp profile-file case uses \(path).")
        }
        let cycles = try await ConfigurationCycles.run(.seccomp, configurations: configurations, context, recorder)
        let unconfined = metrics.cycle(.unconfined)
        for (iteration, value) in ConfigurationCycles.overhead(
            cycles, metrics.cycle(.dockerDefault), against: unconfined)
        {
            recorder.record(metrics.overhead, iteration: iteration, value: value)
        }
        for (iteration, value) in ConfigurationCycles.overhead(cycles, metrics.cycle(.profile), against: unconfined) {
            recorder.record(metrics.profileOverhead, iteration: iteration, value: value)
        }
        try await probeProfileFile(context, recorder)
    }

    /// The profile-file case is measured whatever the file allows; what it lets through that
    /// Docker's default profile refuses is probed once and reported, never hidden. The probe is
    /// the security spec's, judged by the sandbox's model (``IsolationProbe/run(in:profile:spec:)``):
    /// gVisor shows seccomp mode 0 inside its application kernel and serves some calls itself,
    /// which is no violation there.
    static func probeProfileFile(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        var profile = context.profile
        profile.seccomp = context.seccompProfileFile
        let checks: [IsolationProbe.Check]
        do {
            let probe = try await IsolationProbe.run(
                in: context.sandbox, profile: profile, spec: SpecName.seccomp.rawValue)
            recorder.container(probe.container)
            checks = probe.report.checks
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as DockerEngineError where error.isEngineFault {
            throw error
        } catch {
            let failure = error as? IsolationProbe.ProbeFailure
            recorder.fail(
                metrics.profileViolations, iteration: 0,
                reason: "the isolation probe did not run under the profile file: \(failure?.reason ?? "\(error)")",
                output: failure?.output ?? "")
            return
        }
        let violations = checks.filter { !$0.passed }
        recorder.record(metrics.profileViolations, iteration: 0, value: Double(violations.count))
        let path = context.seccompProfileFile.path ?? context.seccompProfileFile.name
        recorder.check(
            "the profile file confines like Docker's default", passed: violations.isEmpty, informational: true,
            detail: violations.isEmpty
                ? "every probed operation was refused"
                : "let through: " + violations.map(\.name).joined(separator: ", "),
            metric: metrics.profileViolations)
        if !violations.isEmpty {
            recorder.note(
                "The seccomp profile file \(path) confines less than it should: "
                    + violations.map { "\($0.name) (\($0.detail))" }.joined(separator: "; ") + ".")
        }
    }
}
