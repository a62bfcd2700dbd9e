import BenchModel
import EngineInterface
import Foundation
import Sandbox

/// Reads what a run runs on: the host (CPU, memory, kernel, OS) and the engine (versions,
/// storage driver, cgroup version, runtime), plus the image and seccomp profile measured.
package enum EnvironmentProbe {
    /// (`info`: the engine's, when the caller has read it already.)
    package static func fingerprint(
        engine: any ContainerEngine, profile: SandboxProfile, info known: SystemInfo? = nil
    ) async throws -> EnvironmentFingerprint {
        let info: SystemInfo
        if let known { info = known } else { info = try await engine.info() }
        let version = try await engine.version()
        let image = try await engine.inspectImage(profile.image)
        var fingerprint = EnvironmentFingerprint(
            host: ProcessIdentity.hostName,
            cpuModel: cpuModel() ?? "unknown",
            cpuCount: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: Int64(ProcessInfo.processInfo.physicalMemory),
            kernel: firstLine("/proc/sys/kernel/osrelease") ?? version.kernelVersion ?? "unknown",
            os: operatingSystem() ?? info.operatingSystem ?? "unknown",
            dockerVersion: version.version,
            apiVersion: engine.apiVersion.description,
            containerdVersion: version.componentVersion("containerd") ?? info.containerdCommit?.id ?? "unknown",
            runcVersion: version.componentVersion("runc") ?? info.runcCommit?.id ?? "unknown",
            storageDriver: info.driver ?? "unknown",
            cgroupVersion: info.cgroupVersion ?? "unknown",
            defaultRuntime: profile.runtime ?? info.defaultRuntime ?? "unknown",
            imageID: image.id,
            seccompProfileHash: profile.seccomp.fingerprint
        )
        fingerprint.engine = profile.engine.description
        return fingerprint
    }

    static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    static func operatingSystem() -> String? {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    static func firstLine(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
    }
}
