import BenchSuite
import EngineInterface
import EngineTestSupport
import Foundation
import Sandbox

/// What the sandbox image's `python3` does with the code the suite runs, in memory: each code
/// sample prints what it should (an instrumented one adds the seconds its code took), the idle
/// sample and `sleep` run until killed, the isolation probe prints its report (``ProbeReport``), and
/// a command that does not exist cannot start. Other code fails, saying so. ``override`` scripts
/// a run otherwise (a sample that prints the wrong thing, an OOM kill, an exit status).
package struct SuitePython: Sendable {
    /// The seconds an instrumented sample says its code took.
    package var codeSeconds: Double
    /// The probe's report from a container created with the given request.
    package var probe: @Sendable (ContainerCreateRequest) -> ProbeReport
    /// An outcome for a run instead of the simulated one, or nil.
    package var override: @Sendable (ProgramRun) -> ProgramOutcome?

    package init(
        codeSeconds: Double = 0.25,
        probe: @escaping @Sendable (ContainerCreateRequest) -> ProbeReport = ProbeReport.init,
        override: @escaping @Sendable (ProgramRun) -> ProgramOutcome? = { _ in nil }
    ) {
        self.codeSeconds = codeSeconds
        self.probe = probe
        self.override = override
    }

    package var program: ContainerProgram {
        { run in override(run) ?? simulate(run) }
    }

    func simulate(_ run: ProgramRun) -> ProgramOutcome {
        switch run.command.first {
        case "sleep"?: return .runsUntilKilled()
        case "true"?: return .exits(status: 0)
        case "python3"?, "python"?: break
        case let command?:
            return .cannotStart(
                "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                    + "runc create failed: unable to start container process: exec: \"\(command)\": "
                    + "executable file not found in $PATH: unknown")
        case nil: return .exits(status: 0)
        }
        guard let code = run.code else {
            return .exits(status: 2, stderr: "python3: can't open file: [Errno 2] No such file or directory\n")
        }
        if code == IsolationProbe.code { return .prints(probe(run.container.request).line + "\n") }
        if let output = Self.output(of: code, codeSeconds: codeSeconds) { return output }
        return .exits(status: 1, stderr: "SuitePython: no known code:\n\(code.prefix(200))\n")
    }

    /// What a sample of the suite prints, plain or instrumented; nil for other code.
    static func output(of code: String, codeSeconds: Double) -> ProgramOutcome? {
        for sample in [CodeSample.simple, .compute, .pandas, .idle] {
            if code == sample.source {
                return sample == .idle ? .runsUntilKilled() : .prints(sample.expectedOutput)
            }
            if code == sample.instrumented {
                return .prints(
                    sample.expectedOutput + InstrumentedOutput.marker + String(format: "%.9f", codeSeconds) + "\n")
            }
        }
        return nil
    }
}
