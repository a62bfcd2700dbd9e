import BenchModel
import Sandbox

/// Code run again and again in one already-running sandbox (`docker exec`) versus a fresh host
/// interpreter: the "container reuse" overhead the original pytest suite only estimated.
enum WarmSpec {
    static let metrics = Metric.warm

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        let sample = CodeSample.simple
        let direct = await DirectBaseline.prepare(sample, module: nil, context: context)
        if case .unmeasurable(let reason) = direct {
            recorder.note("The direct side of warm is not measurable: \(reason). There is no overhead figure.")
        }
        let (containerID, removal) = try await context.sandbox.withWarmContainer(
            profile: context.profile, spec: SpecName.warm.rawValue
        ) {
            warm in
            try await context.iterate(.warm) { iteration in
                try await direct.compare(
                    sample, iteration: iteration, direct: metrics.direct, directCode: nil, overhead: metrics.overhead,
                    recorder: recorder
                ) {
                    let execution = try await warm.execute(sample.instrumented)
                    let output = InstrumentedOutput(stdout: execution.stdout)
                    guard execution.succeeded, output.codeOutput == sample.expectedOutput else {
                        recorder.fail(
                            metrics.exec, iteration: iteration,
                            reason:
                                "exec exited with status \(execution.exitCode.map(String.init) ?? "unknown") and printed \(SpecContext.quote(output.codeOutput))",
                            output: execution.stdout + execution.stderr)
                        return nil
                    }
                    guard iteration >= 0 else { return nil }
                    recorder.record(metrics.exec, iteration: iteration, value: execution.seconds)
                    if let code = output.codeSeconds {
                        recorder.record(metrics.code, iteration: iteration, value: code)
                    }
                    return execution.seconds
                }
            }
            return warm.id
        }
        recorder.container(
            ContainerRecord(id: containerID, iteration: 0, removed: removal.removed, removalError: removal.error))
        let overhead = recorder.values(of: metrics.overhead)
        if !overhead.isEmpty {
            let median = Statistics.median(overhead)
            recorder.check(
                "warm overhead < 5 %", passed: median < 5, informational: true,
                detail: String(
                    format: "median overhead %.1f %% of exec in a running sandbox over a fresh host interpreter", median
                ),
                metric: metrics.overhead)
        }
    }
}
