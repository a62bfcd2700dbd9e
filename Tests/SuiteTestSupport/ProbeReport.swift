import EngineInterface
import Foundation
import Sandbox

/// What the isolation probe prints from inside a container, derived from the container's
/// settings as a kernel would enforce them: no network but loopback when the network mode is
/// `none`, a read-only root, the user, dropped capabilities, no-new-privileges, the seccomp
/// mode, a noexec `/tmp`, the operations a filter or dropped capabilities refuse, and the
/// cgroup's limits. A test changes a field to script a violation.
package struct ProbeReport: Sendable, Encodable {
    package var interfaces: [String]
    package var connect: String
    package var rootWrite: String
    package var rootMountReadOnly: Bool
    package var uid: Int
    package var gid: Int
    package var capEff: String
    package var capPrm: String
    /// The bounding set: Docker's default capabilities unless every one was dropped.
    package var capBnd: String
    package var noNewPrivs: String
    package var seccomp: String
    package var tmpExec: String
    /// The kernel release the sandbox sees: the in-memory engine's own, as under runc.
    package var kernel = "6.1.0-memory"
    package var attempts: [String: String]
    package var limits: [String: String]

    package init(for request: ContainerCreateRequest) {
        let host = request.hostConfig
        let options = host.securityOpt ?? []
        let isolated = host.networkMode == "none"
        interfaces = isolated ? ["lo"] : ["eth0", "lo"]
        connect = isolated ? "ENETUNREACH" : "not attempted"
        rootMountReadOnly = host.readonlyRootfs
        rootWrite = host.readonlyRootfs ? "EROFS" : "written"
        let ids = (request.user ?? "0:0").split(separator: ":").compactMap { Int($0) }
        uid = ids.first ?? 0
        gid = ids.dropFirst().first ?? uid
        let dropped = host.capDrop?.contains("ALL") == true
        // As the kernel does: a process that is not root keeps no effective or permitted
        // capability across exec, whatever the bounding set still holds.
        let holds = !dropped && uid == 0
        capEff = holds ? "00000000a80425fb" : "0000000000000000"
        capPrm = capEff
        capBnd = dropped ? "0000000000000000" : "00000000a80425fb"
        noNewPrivs = options.contains("no-new-privileges") ? "1" : "0"
        let seccompOption = options.first { $0.hasPrefix("seccomp=") }.map { String($0.dropFirst("seccomp=".count)) }
        seccomp = seccompOption == "unconfined" ? "0" : "2"
        tmpExec = host.tmpfs?["/tmp"]?.contains("noexec") == true ? "EACCES" : "executed"
        // A profile file whose default action allows lets through what Docker's default refuses.
        let filters = seccompOption != "unconfined" && !Self.allowsAll(seccompOption)
        attempts = [:]
        for operation in IsolationProbe.filteredOperations { attempts[operation] = filters ? "EPERM" : "succeeded" }
        for operation in IsolationProbe.privilegedOperations { attempts[operation] = holds ? "succeeded" : "EPERM" }
        let quota = host.nanoCpus.map { String($0 / 10_000) }
        limits = [
            "cgroup": "v2", "memory": host.memory.map(String.init) ?? "max",
            "pids": host.pidsLimit.map(String.init) ?? "max",
        ]
        if let quota {
            limits["cpuQuota"] = quota
            limits["cpuPeriod"] = "100000"
        }
    }

    static func allowsAll(_ profile: String?) -> Bool {
        guard let profile else { return false }
        return profile.filter { !$0.isWhitespace }.contains("\"defaultAction\":\"SCMP_ACT_ALLOW\"")
    }

    /// The one line the probe prints.
    package var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
