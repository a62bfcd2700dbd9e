import Foundation

/// Runs a probe inside a sandbox container and checks that the profile's isolation holds: no
/// network but loopback, a read-only root filesystem, the intended user, no effective
/// capabilities, no-new-privileges, the intended seccomp mode, and a non-executable /tmp.
public enum IsolationProbe {
    /// One isolation property, checked.
    public struct Check: Sendable, Equatable, Codable {
        public var name: String
        public var passed: Bool
        public var detail: String
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
    }

    /// Python that prints one JSON object describing the container from the inside. The connection
    /// attempt is made only when there is no interface but loopback, so a probe never sends a packet.
    public static let code = #"""
        import errno, json, os, socket, subprocess
        r = {}
        r["interfaces"] = sorted(os.listdir("/sys/class/net"))
        def err(e):
            return errno.errorcode.get(e.errno, str(e.errno)) if getattr(e, "errno", None) else type(e).__name__
        if r["interfaces"] == ["lo"]:
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.settimeout(1)
                s.connect(("192.0.2.1", 9))
                r["connect"] = "connected"
            except OSError as e:
                r["connect"] = err(e)
        else:
            r["connect"] = "not attempted"
        try:
            with open("/.sandbox-bench-probe", "w") as f:
                f.write("x")
            r["rootWrite"] = "written"
        except OSError as e:
            r["rootWrite"] = err(e)
        r["rootMountReadOnly"] = any(
            l.split()[4] == "/" and "ro" in l.split()[5].split(",") for l in open("/proc/self/mountinfo"))
        r["uid"], r["gid"] = os.getuid(), os.getgid()
        status = dict(l.rstrip("\n").split(":\t", 1) for l in open("/proc/self/status") if ":\t" in l)
        r["capEff"], r["capPrm"] = status.get("CapEff", "?"), status.get("CapPrm", "?")
        r["noNewPrivs"], r["seccomp"] = status.get("NoNewPrivs", "?"), status.get("Seccomp", "?")
        try:
            with open("/tmp/probe.sh", "w") as f:
                f.write("#!/bin/sh\nexit 0\n")
            os.chmod("/tmp/probe.sh", 0o755)
            subprocess.run(["/tmp/probe.sh"], check=True)
            r["tmpExec"] = "executed"
        except OSError as e:
            r["tmpExec"] = err(e)
        print(json.dumps(r))
        """#

    /// Runs the probe in a fresh container of `profile` and returns one check per property, or
    /// throws when the probe itself could not run.
    public static func run(in sandbox: Sandbox, profile: SandboxProfile, spec: String? = nil) async throws -> [Check] {
        let result = try await sandbox.run(code, profile: profile, spec: spec)
        guard result.succeeded else {
            throw ProbeFailure(reason: result.failureReason ?? "unknown", output: result.combinedOutput)
        }
        return try evaluate(result.stdout, expected: profile)
    }

    /// Judges what the probe printed against what `expected` promises.
    public static func evaluate(_ probeOutput: String, expected: SandboxProfile) throws -> [Check] {
        guard let line = probeOutput.split(separator: "\n").last,
            let observation = try? JSONDecoder().decode(Observation.self, from: Data(line.utf8))
        else {
            throw ProbeFailure(reason: "it printed no report", output: probeOutput)
        }
        return checks(observation, profile: expected)
    }

    public struct ProbeFailure: Error, CustomStringConvertible {
        public var reason: String
        public var output: String
        public var description: String {
            "The isolation probe did not run (\(reason)): \(output.prefix(300))"
        }
    }

    static func checks(_ o: Observation, profile: SandboxProfile) -> [Check] {
        let expectedIDs = profile.user.split(separator: ":").compactMap { Int($0) }
        let expectedSeccomp = profile.seccomp == .unconfined ? "0" : "2"
        var checks = [
            Check(
                name: "network", passed: o.interfaces == ["lo"] && o.connect != "connected",
                detail: "interfaces \(o.interfaces.joined(separator: ", ")); outbound connect: \(o.connect)"),
            Check(
                name: "read-only root filesystem",
                passed: !profile.readOnlyRootFilesystem || (o.rootMountReadOnly && o.rootWrite == "EROFS"),
                detail: "root mounted \(o.rootMountReadOnly ? "ro" : "rw"); writing to / gave \(o.rootWrite)"),
            Check(
                name: "user", passed: expectedIDs.isEmpty || [o.uid, o.gid].prefix(expectedIDs.count).elementsEqual(expectedIDs),
                detail: "uid \(o.uid), gid \(o.gid)"),
            Check(
                name: "capabilities",
                passed: !profile.dropAllCapabilities || (Self.isZero(o.capEff) && Self.isZero(o.capPrm)),
                detail: "CapEff \(o.capEff), CapPrm \(o.capPrm)"),
            Check(
                name: "no-new-privileges", passed: !profile.noNewPrivileges || o.noNewPrivs == "1",
                detail: "NoNewPrivs \(o.noNewPrivs)"),
            Check(
                name: "seccomp", passed: o.seccomp == expectedSeccomp,
                detail: "mode \(o.seccomp) (\(Self.seccompModeName(o.seccomp))), expected \(Self.seccompModeName(expectedSeccomp)) for the \(profile.seccomp.name) policy"),
        ]
        checks.append(
            Check(name: "noexec /tmp", passed: o.tmpExec != "executed", detail: "executing a file in /tmp gave \(o.tmpExec)"))
        return checks
    }

    static func isZero(_ hexMask: String) -> Bool {
        !hexMask.isEmpty && hexMask.allSatisfy { $0 == "0" }
    }

    static func seccompModeName(_ mode: String) -> String {
        switch mode {
        case "0": return "disabled"
        case "1": return "strict"
        case "2": return "filter"
        default: return "unknown"
        }
    }
}
