import BenchModel
import Foundation

/// Runs a probe inside a sandbox container and checks that the profile's isolation holds — by
/// what the confinement does, not by the modes it reports: no network but loopback, a read-only
/// root filesystem, the intended user, no capabilities, no-new-privileges, a non-executable
/// /tmp; operations that Docker's default seccomp profile refuses and dropped capabilities alone
/// would not (a user namespace, keyrings, BPF, perf events, …) refused; operations that need a
/// capability refused; and the memory, pids and CPU limits in force the profile's own.
/// `doctor` and the security spec use the same probe.
package enum IsolationProbe {
    /// One isolation property, checked.
    package struct Check: Sendable, Equatable, Codable {
        package var name: String
        package var passed: Bool
        package var detail: String
    }

    /// What the probe observed from inside the container.
    struct Observation: Decodable {
        var interfaces: [String]
        var connect: String
        var rootWrite: String
        var rootMountReadOnly: Bool
        var uid: Int
        var gid: Int
        var capEff: String
        var capPrm: String
        /// The bounding set: every capability an exec could still gain. A sandbox that keeps
        /// Docker's default capabilities shows CapEff and CapPrm 0 for a non-root user, and only
        /// this set tells it from one whose capabilities were dropped. Nil in output recorded
        /// before the probe read it.
        var capBnd: String?
        var noNewPrivs: String
        var seccomp: String
        /// prctl(PR_GET_NO_NEW_PRIVS), which gVisor answers where its /proc/self/status does not.
        var noNewPrivsPrctl: String?
        /// The kernel release the sandbox sees (`uname -r`).
        var kernel: String?
        var tmpExec: String
        /// Operation → "succeeded", "not attempted", or the error it met (`EPERM`, …).
        var attempts: [String: String]
        var limits: Limits

        /// The cgroup's limits as the container reads them; nil where a file could not be read.
        struct Limits: Decodable {
            var cgroup: String
            var memory: String?
            var pids: String?
            var cpuQuota: String?
            var cpuPeriod: String?
        }
    }

    /// What one probe found: the sandbox's model and what the engine showed from outside, the
    /// profile's own promises checked, and the fixed standard's properties assessed.
    package struct Report: Sendable, Equatable {
        package var evidence: IsolationEvidence
        package var checks: [Check]
        package var assessments: [IsolationAssessment]

        package var heldCount: Int { assessments.filter { $0.status == .held }.count }
    }

    /// Runs the probe in a fresh container of `profile` — started idle, the probe executed in it,
    /// then its limits and settings read from outside through the engine (`IsolationEvidence`) —
    /// and judges both. Throws when the probe itself could not run. The container's removal is
    /// returned for the caller to record.
    package static func run(in sandbox: Sandbox, profile: SandboxProfile, spec: String? = nil) async throws
        -> (report: Report, container: ContainerRecord)
    {
        let (value, removal) = try await sandbox.withWarmContainer(profile: profile, spec: spec) { warm in
            let execution = try await warm.execute(code)
            guard execution.succeeded else {
                let reason = execution.exitCode.map { "it exited with status \($0)" } ?? "it did not finish"
                throw ProbeFailure(reason: reason, output: execution.stdout + execution.stderr)
            }
            let evidence = try await IsolationEvidence.read(warm.engine, container: warm.id, runtime: profile.runtime)
            return (try evaluate(execution.stdout, expected: profile, evidence: evidence), warm.id)
        }
        return (
            value.0, ContainerRecord(id: value.1, iteration: 0, removed: removal.removed, removalError: removal.error)
        )
    }

    /// Judges what the probe printed against what `expected` promises and against the fixed
    /// standard; `evidence` is what the engine showed from outside (nil: a runc sandbox seen only inside).
    package static func evaluate(_ probeOutput: String, expected: SandboxProfile, evidence: IsolationEvidence? = nil)
        throws -> Report
    {
        // The report comes from inside the sandbox: a key twice (a verdict and its opposite) is no report.
        guard let line = probeOutput.split(separator: "\n").last,
            let observation = try? StrictJSONDecoder().decode(Observation.self, from: String(line))
        else {
            throw ProbeFailure(reason: "it printed no report", output: probeOutput)
        }
        let evidence = evidence ?? IsolationEvidence(model: .runc)
        return Report(
            evidence: evidence, checks: checks(observation, profile: expected, evidence: evidence),
            assessments: assess(observation, evidence))
    }

    package struct ProbeFailure: Error, CustomStringConvertible {
        package var reason: String
        package var output: String
        package var description: String {
            let shown = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "The isolation probe did not run (\(reason))" + (shown.isEmpty ? "" : ": \(shown.prefix(300))")
        }
    }
}
