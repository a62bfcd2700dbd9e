import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Sandbox

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the Docker engine, the sandbox image and the sandbox's isolation are usable.",
        discussion: """
            Prints one line per check: the engine (reachable, server and API version, storage \
            driver, cgroup version, default runtime), the image (present, size), and the isolation \
            of the profile, probed from inside a container by what the confinement does: network, \
            read-only root, user, capabilities, no-new-privileges, seccomp mode, noexec /tmp; \
            operations Docker's default seccomp profile refuses (a user namespace, keyrings, BPF, \
            perf events, userfaultfd, memory policy, personality) and operations that need a \
            capability (setuid, chown, mknod, sethostname, chroot, raw sockets), each attempted; \
            and the memory, pids and CPU limits in force, read from the container's cgroup; \
            last, that the probe's container was removed (an engine that cannot clean up after a \
            sandbox fails the check).

            Exits 0 when everything is usable, 3 otherwise; each failed line says how to fix it.
            """
    )

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger("sandbox-bench.doctor")
        let findings = await EngineDiagnosis.run(
            profile: try profileOptions.makeProfile(), deadlines: engine.deadlines, logger: logger)
        let width = findings.map(\.subject.count).max() ?? 0
        for finding in findings {
            let subject = finding.subject.padding(toLength: width, withPad: " ", startingAt: 0)
            CommandOutput.show(
                "\(finding.status == .ok ? "ok    " : "FAILED") \(subject)  \(TerminalSafe.inline(finding.detail))")
        }
        let failures = findings.filter { $0.status == .failed }
        if let failure = failures.first {
            throw DoctorFailure(finding: failure, failed: failures.count)
        }
    }

    /// The first failed check, as the one-line error the command exits with.
    struct DoctorFailure: CategorizedError {
        let finding: EngineDiagnosis.Finding
        /// How many checks failed.
        var failed = 1
        var kind: FailureKind { .environment }
        var description: String {
            let fix =
                if finding.subject.hasPrefix("isolation: ") {
                    " The sandbox is not isolated as its profile promises: check the profile options and the engine's security settings (docker info)."
                } else {
                    finding.cause.flatMap { ErrorAdvice.advice(for: $0) }.map { " " + $0 } ?? ""
                }
            let count = failed > 1 ? "\(failed) checks failed, the first: " : ""
            return "doctor: \(count)\(finding.subject) check failed: \(finding.detail)\(fix)"
        }
    }
}
