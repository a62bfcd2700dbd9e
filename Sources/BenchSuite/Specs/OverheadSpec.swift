import BenchModel
import Foundation

/// A code sample in the sandbox versus the same code in a fresh interpreter process on the host,
/// interleaved (the order alternates each iteration) so that machine drift hits both sides alike.
///
/// Both sides record the time until the output is in hand (`docker_s`: the container's create,
/// start, run and logs — its removal is cleanup after the result, recorded as a phase;
/// `direct_s`: spawn until exit and the output read) and the interpreter's own timing of the code (`*_code_s`).
enum OverheadSpec {
    static let metrics = Metric.overhead

    static func run(
        _ spec: SpecName, _ code: OverheadMetrics.Code, sample: CodeSample, _ context: SpecContext,
        _ recorder: SpecRecorder
    ) async throws {
        let prefix = spec.rawValue
        let direct = await DirectBaseline.prepare(sample, module: code.hostModule, context: context)
        if case .unmeasurable(let reason) = direct {
            recorder.note(
                "The direct side of \(prefix) is not measurable: \(reason). Only the sandbox side is reported; there is no overhead figure."
            )
        }
        try await context.iterate(spec) { iteration in
            try await direct.compare(
                sample, iteration: iteration, direct: metrics.direct(code), directCode: metrics.directCode(code),
                overhead: metrics.overhead(code), recorder: recorder
            ) {
                let lifecycle = try await context.lifecycle(
                    sample, spec: spec, iteration: iteration, metric: metrics.docker(code), recorder: recorder,
                    instrumented: true)
                guard lifecycle.isValid, iteration >= 0 else { return nil }
                let seconds = lifecycle.result.phases.untilOutput
                recorder.record(
                    metrics.docker(code), iteration: iteration, value: seconds, phases: lifecycle.result.phases)
                if let codeSeconds = InstrumentedOutput(stdout: lifecycle.result.stdout).codeSeconds {
                    recorder.record(metrics.dockerCode(code), iteration: iteration, value: codeSeconds)
                }
                return seconds
            }
        }
        let overhead = recorder.values(of: metrics.overhead(code))
        if !overhead.isEmpty {
            let median = Statistics.median(overhead)
            recorder.check(
                "\(prefix) overhead < 5 %", passed: median < 5, informational: true,
                detail: String(
                    format:
                        "median overhead %.0f %% — a fresh container per run includes container start-up, which the original pytest suite's 5 %% target does not cover",
                    median),
                metric: metrics.overhead(code))
        }
    }
}

/// The host side of an overhead comparison: a code file run by a fresh host interpreter.
enum DirectBaseline {
    case ready(HostInterpreter, file: String)
    case unmeasurable(String)

    static func prepare(_ sample: CodeSample, module: String?, context: SpecContext) async -> DirectBaseline {
        guard let interpreter = context.hostInterpreter else {
            return .unmeasurable("no host interpreter could be resolved")
        }
        if let module, let reason = await interpreter.missingModuleReason(module) {
            return .unmeasurable(reason)
        }
        let file = context.scratchDirectory.appendingPathComponent("\(sample.name).py").path
        guard FileManager.default.createFile(atPath: file, contents: Data(sample.instrumented.utf8)) else {
            return .unmeasurable("the code file \(file) could not be written")
        }
        return .ready(interpreter, file: file)
    }

    struct Measurement {
        var seconds: Double
        var codeSeconds: Double?
    }

    /// One iteration of a sandbox side against this host side, in alternating order (the sandbox
    /// first on even iterations) so that machine drift hits both alike. `sandboxSide` records its
    /// own figures and returns its seconds, or nil when it produced no valid sample. The host side
    /// is recorded as `direct` (and its interpreter's timing as `directCode`), and when both sides
    /// counted, `overhead` = how much longer the sandbox took, in percent.
    func compare(
        _ sample: CodeSample, iteration: Int, direct: Metric, directCode: Metric?, overhead: Metric,
        recorder: SpecRecorder, sandboxSide: () async throws -> Double?
    ) async throws {
        var sandboxSeconds: Double?
        var directSeconds: Double?
        for sandboxTurn in iteration % 2 == 0 ? [true, false] : [false, true] {
            if sandboxTurn {
                sandboxSeconds = try await sandboxSide()
                continue
            }
            guard
                let measured = try await measure(sample, iteration: iteration, metric: direct, recorder: recorder),
                iteration >= 0
            else { continue }
            directSeconds = measured.seconds
            recorder.record(direct, iteration: iteration, value: measured.seconds)
            if let directCode, let code = measured.codeSeconds {
                recorder.record(directCode, iteration: iteration, value: code)
            }
        }
        if let sandboxSeconds, let directSeconds, directSeconds > 0 {
            recorder.record(
                overhead, iteration: iteration,
                value: (sandboxSeconds - directSeconds) / directSeconds * 100)
        }
    }

    /// Runs the code once on the host; nil (with a failure recorded) when it did not print what it should.
    func measure(_ sample: CodeSample, iteration: Int, metric: Metric, recorder: SpecRecorder) async throws
        -> Measurement?
    {
        guard case .ready(let interpreter, let file) = self else { return nil }
        let result = try await interpreter.run(file: file)
        let output = InstrumentedOutput(stdout: result.stdout)
        guard result.exitCode == 0, output.codeOutput == sample.expectedOutput else {
            recorder.fail(
                metric, iteration: iteration,
                reason: "the host interpreter \(result.ending) and printed \(SpecContext.quote(output.codeOutput))",
                output: result.stdout + result.stderr)
            return nil
        }
        return Measurement(seconds: result.seconds, codeSeconds: output.codeSeconds)
    }
}
