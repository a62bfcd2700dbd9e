import BenchModel
import EngineInterface
import Logging

/// What `sandbox-bench doctor` checks: that the engine answers, that the sandbox image is there,
/// and that a container of the profile is isolated as promised. One finding per line.
package enum EngineDiagnosis {
    package struct Finding: Sendable, Equatable, Codable {
        package enum Status: String, Sendable, Codable {
            case ok
            case failed
            /// Said, not judged: the sandbox's model, a property of the standard, a weakened profile.
            case note
        }

        package var status: Status
        /// What was checked: `engine`, `image`, `isolation: network`, ...
        package var subject: String
        /// What was found, or what is wrong.
        package var detail: String
        /// The engine's error behind a failed check, for the caller to say what to do about it.
        package var cause: DockerEngineError?

        package init(status: Status, subject: String, detail: String, cause: DockerEngineError? = nil) {
            self.status = status
            self.subject = subject
            self.detail = detail
            self.cause = cause
        }

        /// A failed check from `error`.
        static func failed(_ subject: String, _ error: any Error) -> Finding {
            Finding(status: .failed, subject: subject, detail: "\(error)", cause: error as? DockerEngineError)
        }

        enum CodingKeys: String, CodingKey {
            case status, subject, detail
        }
    }

    /// Runs every check it can on the profile's engine, reached through `engines`: when the engine
    /// does not answer, the image and isolation checks are not attempted; when the image is
    /// missing, the isolation probe is not attempted.
    package static func run(
        profile: SandboxProfile, engines: any EngineConnector, deadlines: EngineDeadlines = .default, logger: Logger
    ) async -> [Finding] {
        let engine: any ContainerEngine
        do {
            engine = try await engines.connect(to: profile.engine, deadlines: deadlines, logger: logger)
        } catch {
            return [.failed("engine", error)]
        }
        var findings = profile.weakenings.map {
            Finding(status: .note, subject: "profile weakened", detail: $0)
        }
        findings.append(await engineFinding(engine))
        findings += await imageAndIsolationFindings(engine, profile: profile)
        try? await engine.shutdown()
        return findings
    }

    private static func engineFinding(_ engine: any ContainerEngine) async -> Finding {
        do {
            let info = try await engine.info()
            let version = try await engine.version()
            let cgroup = info.cgroupVersion.map { "cgroup v\($0)" } ?? "cgroup version unknown"
            return Finding(
                status: .ok, subject: "engine",
                detail:
                    "Docker \(version.version) on \(engine.host), API \(engine.apiVersion) (daemon speaks \(version.apiVersion)), "
                    + "storage driver \(info.driver ?? "unknown"), \(cgroup) (\(info.cgroupDriver ?? "?") driver), "
                    + "default runtime \(info.defaultRuntime ?? "unknown")")
        } catch {
            return .failed("engine", error)
        }
    }

    private static func imageAndIsolationFindings(_ engine: any ContainerEngine, profile: SandboxProfile) async
        -> [Finding]
    {
        let image: ImageInspect
        do {
            image = try await engine.inspectImage(profile.image)
        } catch {
            return [.failed("image", error)]
        }
        var findings = [
            Finding(
                status: .ok, subject: "image",
                detail: "\(profile.image) present, \(formatBytes(image.size ?? 0)), \(image.id.prefix(19))")
        ]
        let sandbox = Sandbox(engine: engine, runID: "doctor")
        do {
            let report = try await IsolationProbe.run(in: sandbox, profile: profile, spec: "doctor").report
            findings.append(Finding(status: .note, subject: "sandbox model", detail: report.evidence.model.name))
            findings += report.checks.map {
                Finding(status: $0.passed ? .ok : .failed, subject: "isolation: \($0.name)", detail: $0.detail)
            }
            findings += report.assessments.map {
                Finding(status: .note, subject: "standard: \($0.property.title)", detail: $0.sentence)
            }
            findings.append(
                Finding(
                    status: .note, subject: "standard",
                    detail: "\(report.heldCount) of \(IsolationProperty.allCases.count) properties held"))
        } catch {
            // The probe did not run: an engine or image problem, not a finding about isolation.
            findings.append(.failed("isolation probe", error))
        }
        findings.append(await cleanupFinding(sandbox))
        return findings
    }

    /// Whether the probe's container is gone: a removal the engine refused or never answered is
    /// a failed check (the engine cannot clean up after a sandbox), and the container is tried
    /// once more, bounded, before it is left to the next run's reaper.
    private static func cleanupFinding(_ sandbox: Sandbox) async -> Finding {
        var left: [(name: String, reason: String)] = []
        for entry in sandbox.ledger.all where entry.removal?.removed != true {
            let outcome = await sandbox.remove(entry.name, within: .seconds(10))
            if !outcome.removed { left.append((entry.name, outcome.error ?? entry.removal?.error ?? "no answer")) }
        }
        guard let first = left.first else {
            return Finding(status: .ok, subject: "cleanup", detail: "the probe's container was removed")
        }
        return Finding(
            status: .failed, subject: "cleanup",
            detail:
                "the probe's container \(first.name) could not be removed (\(first.reason)); the next run removes it")
    }

    static func formatBytes(_ bytes: Int64) -> String {
        let megabytes = Double(bytes) / 1_000_000
        return megabytes >= 1000 ? "\((megabytes / 100).rounded() / 10) GB" : "\(Int(megabytes.rounded())) MB"
    }
}
