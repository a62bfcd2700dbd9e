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
            and the memory, pids and CPU limits in force, read from the container's cgroup or, \
            where the sandbox shows none (gVisor), from the engine's stats; last, that the probe's \
            container was removed (an engine that cannot clean up after a sandbox fails the check). \
            Each promise is checked the way the sandbox's model allows (runc, gVisor, or unknown, \
            checked as runc), which a "note" line names.

            Then the fixed isolation standard, each property held, not held or not verifiable here \
            ("note" lines: the standard is judged against a baseline by the isolation-weakening \
            rule, not here), and each way the profile gives up isolation (root, capabilities, \
            new privileges, no seccomp filter, a writable root, no effective limit). \
            `doctor --standard` prints the standard itself (docs/ISOLATION.md) and runs nothing.

            Exits 0 when everything is usable, 3 otherwise; each failed line says how to fix it.
            """
    )

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Print the isolation standard (each property, how it is verified, why, its anchor) and exit.")
    var standard = false

    func run() async throws {
        if standard {
            for line in IsolationProperty.markdownTable.split(separator: "\n") {
                CommandOutput.show(String(line))
            }
            return
        }
        let logger = logging.makeLogger("sandbox-bench.doctor")
        let findings = await EngineDiagnosis.run(
            profile: try profileOptions.makeProfile(), deadlines: engine.deadlines, logger: logger)
        let width = findings.map(\.subject.count).max() ?? 0
        for finding in findings {
            let subject = finding.subject.padding(toLength: width, withPad: " ", startingAt: 0)
            CommandOutput.show(
                "\(Self.label(finding.status)) \(subject)  \(TerminalSafe.inline(finding.detail))")
        }
        let failures = findings.filter { $0.status == .failed }
        if let failure = failures.first {
            throw DoctorFailure(finding: failure, failed: failures.count)
        }
    }

    static func label(_ status: EngineDiagnosis.Finding.Status) -> String {
        switch status {
        case .ok: "ok    "
        case .failed: "FAILED"
        case .note: "note  "
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
