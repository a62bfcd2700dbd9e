import BenchModel
import EngineInterface
import Sandbox

/// The isolation probe of `doctor`, run in a sandbox of the measured profile: every promise of
/// the profile that does not hold is a violation; every property of the fixed isolation standard
/// is stored as held (1) or not held (0) — not recorded when it cannot be verified here, which
/// its check says — with the count held.
enum SecuritySpec {
    static let metrics = Metric.security

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.security) { iteration in
            guard iteration >= 0 else { return }
            let report: IsolationProbe.Report
            do {
                let probe = try await IsolationProbe.run(
                    in: context.sandbox, profile: context.profile, spec: SpecName.security.rawValue)
                report = probe.report
                var container = probe.container
                container.iteration = iteration
                recorder.container(container)
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as DockerEngineError where error.isEngineFault {
                throw error
            } catch let failure as IsolationProbe.ProbeFailure {
                recorder.fail(
                    metrics.violations, iteration: iteration,
                    reason: "the isolation probe did not run: \(failure.reason)", output: failure.output)
                return
            } catch {
                recorder.fail(
                    metrics.violations, iteration: iteration, reason: "the isolation probe did not run: \(error)")
                return
            }
            record(report, iteration: iteration, recorder: recorder)
            // The report, `runs show` and every view of the run say it, beside the figures.
            if iteration == 0, let warning = context.profile.weakeningWarning(label: "this profile") {
                recorder.note(warning)
            }
        }
    }

    static func record(_ report: IsolationProbe.Report, iteration: Int, recorder: SpecRecorder) {
        let violations = report.checks.filter { !$0.passed }
        recorder.record(metrics.violations, iteration: iteration, value: Double(violations.count))
        for violation in violations {
            recorder.fail(
                metrics.violations, iteration: iteration,
                reason: "isolation violated: \(violation.name): \(violation.detail)")
        }
        for assessment in report.assessments where assessment.status != .notVerifiable {
            recorder.record(
                metrics.holds(assessment.property), iteration: iteration, value: assessment.status == .held ? 1 : 0)
        }
        recorder.record(metrics.propertiesHeld, iteration: iteration, value: Double(report.heldCount))
        if let bytes = report.evidence.statsMemoryInUse {
            recorder.record(metrics.memory, iteration: iteration, value: (Double(bytes) / 1024).rounded())
        }
        guard iteration == 0 else { return }
        recorder.check(
            "isolation model", passed: true, informational: true,
            detail: "\(report.evidence.model.name); \(report.heldCount) of \(IsolationProperty.allCases.count) "
                + "properties of the standard held")
        for check in report.checks {
            recorder.check(
                "isolation: \(check.name)", passed: check.passed, detail: check.detail, metric: metrics.violations)
        }
        // The standard is judged against the baseline (the isolation-weakening rule), not on its own.
        for assessment in report.assessments {
            recorder.check(
                "standard: \(assessment.property.title)", passed: assessment.status == .held, informational: true,
                detail: assessment.sentence, metric: metrics.holds(assessment.property))
        }
    }
}
