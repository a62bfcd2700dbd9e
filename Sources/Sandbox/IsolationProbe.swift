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
        var noNewPrivs: String
        var seccomp: String
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

    /// Runs the probe in a fresh container of `profile` and returns one check per property, or
    /// throws when the probe itself could not run.
    package static func run(in sandbox: Sandbox, profile: SandboxProfile, spec: String? = nil) async throws -> [Check] {
        let result = try await sandbox.run(code, profile: profile, spec: spec)
        guard result.succeeded else {
            throw ProbeFailure(reason: result.failureReason ?? "unknown", output: result.combinedOutput)
        }
        return try evaluate(result.stdout, expected: profile)
    }

    /// Judges what the probe printed against what `expected` promises.
    package static func evaluate(_ probeOutput: String, expected: SandboxProfile) throws -> [Check] {
        // The report comes from inside the sandbox: a key twice (a verdict and its opposite) is no report.
        guard let line = probeOutput.split(separator: "\n").last,
            let observation = try? StrictJSONDecoder().decode(Observation.self, from: String(line))
        else {
            throw ProbeFailure(reason: "it printed no report", output: probeOutput)
        }
        return checks(observation, profile: expected)
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
