import BenchModel
import Sandbox

/// The full cycle create → run → logs → remove, failures counted.
enum EndToEndSpec {
    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        // By iteration: an iteration taken again (see `SpecContext.iterate`) counts once.
        var failed: Set<Int> = []
        try await context.iterate(.e2e) { iteration in
            failed.remove(iteration)
            let lifecycle = try await context.lifecycle(
                .simple, spec: .e2e, iteration: iteration, metric: "e2e.cycle_s", recorder: recorder)
            guard iteration >= 0 else { return }
            guard lifecycle.isValid else {
                failed.insert(iteration)
                return
            }
            recorder.record(
                "e2e.cycle_s", iteration: iteration, value: lifecycle.result.phases.total,
                phases: lifecycle.result.phases)
        }
        recorder.record(.e2eFailures, iteration: 0, value: Double(failed.count))
        recorder.checkMean("e2e.cycle_s", below: 5.0, name: "e2e mean < 5 s")
    }
}

/// The full cycle under several configurations, interleaved: every iteration runs each
/// configuration once, in an order that rotates, so that drift spreads evenly.
enum ConfigurationCycles {
    static func run(
        _ spec: SpecName, configurations: [(name: String, profile: SandboxProfile)], _ context: SpecContext,
        _ recorder: SpecRecorder
    ) async throws -> [String: [Int: Double]] {
        var cycles: [String: [Int: Double]] = [:]
        try await context.iterate(spec) { iteration in
            // An iteration taken again (see `SpecContext.iterate`) keeps only its last figures.
            for name in configurations.map(\.name) { cycles[name]?[iteration] = nil }
            let shift = ((iteration % configurations.count) + configurations.count) % configurations.count
            for (name, profile) in configurations[shift...] + configurations[..<shift] {
                let metric = MetricID("\(spec.rawValue).\(name).cycle_s")
                let lifecycle = try await context.lifecycle(
                    .simple, profile: profile, spec: spec, iteration: iteration, metric: metric, recorder: recorder)
                guard lifecycle.isValid, iteration >= 0 else { continue }
                recorder.record(
                    metric, iteration: iteration, value: lifecycle.result.phases.total, phases: lifecycle.result.phases)
                cycles[name, default: [:]][iteration] = lifecycle.result.phases.total
            }
        }
        return cycles
    }

    /// Per-iteration relative difference of `name` against `reference`, in percent.
    static func overhead(_ cycles: [String: [Int: Double]], _ name: String, against reference: String) -> [(
        Int, Double
    )] {
        guard let measured = cycles[name], let baseline = cycles[reference] else { return [] }
        return measured.keys.sorted().compactMap { iteration in
            guard let value = measured[iteration], let base = baseline[iteration], base > 0 else { return nil }
            return (iteration, (value - base) / base * 100)
        }
    }
}

/// The cycle at 512m, 1g and 2g memory limits (informational).
enum MemoryLimitSpec {
    static let limits: [Int64] = [512 << 20, 1 << 30, 2 << 30]

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        let configurations = limits.map { limit -> (name: String, profile: SandboxProfile) in
            var profile = context.profile
            profile.memoryBytes = limit
            profile.memorySwapBytes = nil
            return (ByteSize.format(limit), profile)
        }
        _ = try await ConfigurationCycles.run(.memoryLimit, configurations: configurations, context, recorder)
    }
}

/// The cycle with Docker's default seccomp profile, without seccomp, and with a profile file;
/// the overhead of filtering relative to unconfined.
enum SeccompSpec {
    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        var configurations: [(name: String, profile: SandboxProfile)] = []
        for policy in [SeccompPolicy.dockerDefault, .unconfined, context.seccompProfileFile] {
            var profile = context.profile
            profile.seccomp = policy
            configurations.append((policy.name, profile))
        }
        if case .profile(let path, _) = context.seccompProfileFile {
            recorder.note("The seccomp profile-file case uses \(path).")
        }
        let cycles = try await ConfigurationCycles.run(.seccomp, configurations: configurations, context, recorder)
        for (iteration, value) in ConfigurationCycles.overhead(cycles, "default", against: "unconfined") {
            recorder.record("seccomp.overhead_pct", iteration: iteration, value: value)
        }
        for (iteration, value) in ConfigurationCycles.overhead(cycles, "profile", against: "unconfined") {
            recorder.record("seccomp.profile_overhead_pct", iteration: iteration, value: value)
        }
        try await probeProfileFile(context, recorder)
    }

    /// The profile-file case is measured whatever the file allows; what it lets through that
    /// Docker's default profile refuses is probed once and reported, never hidden.
    static func probeProfileFile(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        var profile = context.profile
        profile.seccomp = context.seccompProfileFile
        let result = try await context.sandbox.run(
            IsolationProbe.code, profile: profile, spec: SpecName.seccomp.rawValue)
        context.recordContainer(result, iteration: 0, recorder: recorder)
        guard result.succeeded, let checks = try? IsolationProbe.evaluate(result.stdout, expected: profile).checks
        else {
            recorder.fail(
                "seccomp.profile_violations", iteration: 0,
                reason:
                    "the isolation probe did not run under the profile file: \(result.failureReason ?? "it printed no report")",
                output: result.combinedOutput)
            return
        }
        let violations = checks.filter { !$0.passed }
        recorder.record("seccomp.profile_violations", iteration: 0, value: Double(violations.count))
        let path = context.seccompProfileFile.path ?? context.seccompProfileFile.name
        recorder.check(
            "the profile file confines like Docker's default", passed: violations.isEmpty, informational: true,
            detail: violations.isEmpty
                ? "every probed operation was refused"
                : "let through: " + violations.map(\.name).joined(separator: ", "),
            metric: "seccomp.profile_violations")
        if !violations.isEmpty {
            recorder.note(
                "The seccomp profile file \(path) confines less than it should: "
                    + violations.map { "\($0.name) (\($0.detail))" }.joined(separator: "; ") + ".")
        }
    }
}
