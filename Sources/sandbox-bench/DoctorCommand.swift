import ArgumentParser
import BenchModel
import Foundation
import Sandbox

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the Docker engine, the sandbox image and the sandbox's isolation are usable.",
        discussion: """
            Prints one line per check: the engine (reachable, server and API version, storage \
            driver, cgroup version, default runtime), the image (present, size), and the isolation \
            of the profile, probed from inside a container (network, read-only root, user, \
            capabilities, no-new-privileges, seccomp, noexec /tmp).

            Exits 0 when everything is usable, 3 otherwise; each failed line says how to fix it.
            """
    )

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger("sandbox-bench.doctor")
        let findings = await EngineDiagnosis.run(profile: try profileOptions.makeProfile(), deadlines: engine.deadlines, logger: logger)
        let width = findings.map(\.subject.count).max() ?? 0
        for finding in findings {
            let subject = finding.subject.padding(toLength: width, withPad: " ", startingAt: 0)
            CommandOutput.show("\(finding.status == .ok ? "ok    " : "FAILED") \(subject)  \(TerminalSafe.inline(finding.detail))")
        }
        if let failure = findings.first(where: { $0.status == .failed }) {
            throw DoctorFailure(finding: failure)
        }
    }

    /// The first failed check, as the one-line error the command exits with.
    struct DoctorFailure: CategorizedError {
        let finding: EngineDiagnosis.Finding
        var kind: FailureKind { .environment }
        var description: String {
            let fix =
                if finding.subject.hasPrefix("isolation") {
                    " The sandbox is not isolated as its profile promises: check the profile options and the engine's security settings (docker info)."
                } else {
                    finding.cause.flatMap { ErrorAdvice.advice(for: $0) }.map { " " + $0 } ?? ""
                }
            return "doctor: \(finding.subject) check failed: \(finding.detail)\(fix)"
        }
    }
}
