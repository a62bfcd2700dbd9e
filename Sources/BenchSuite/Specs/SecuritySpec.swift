import BenchModel
import Sandbox

/// The isolation probes of `doctor`, run from inside a sandbox of the measured profile; every
/// property that does not hold is a violation.
enum SecuritySpec {
    static let metrics = Metric.security

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.security) { iteration in
            guard iteration >= 0 else { return }
            let result = try await context.sandbox.run(
                IsolationProbe.code, profile: context.profile, spec: SpecName.security.rawValue)
            context.recordContainer(result, iteration: iteration, recorder: recorder)
            guard result.succeeded, let checks = try? IsolationProbe.evaluate(result.stdout, expected: context.profile)
            else {
                recorder.fail(
                    metrics.violations, iteration: iteration,
                    reason: "the isolation probe did not run: \(result.failureReason ?? "it printed no report")",
                    output: result.combinedOutput)
                return
            }
            let violations = checks.filter { !$0.passed }
            recorder.record(metrics.violations, iteration: iteration, value: Double(violations.count))
            for violation in violations {
                recorder.fail(
                    metrics.violations, iteration: iteration,
                    reason: "isolation violated: \(violation.name): \(violation.detail)")
            }
            if iteration == 0 {
                for check in checks {
                    recorder.check(
                        "isolation: \(check.name)", passed: check.passed, detail: check.detail,
                        metric: metrics.violations)
                }
            }
        }
    }
}
