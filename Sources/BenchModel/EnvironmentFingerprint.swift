/// What a run ran on. Two runs are comparable when the fields that can move the figures agree.
package struct EnvironmentFingerprint: Sendable, Codable, Hashable {
    package var host: String
    package var cpuModel: String
    package var cpuCount: Int
    package var memoryBytes: Int64
    package var kernel: String
    package var os: String
    package var dockerVersion: String
    package var apiVersion: String
    package var containerdVersion: String
    package var runcVersion: String
    package var storageDriver: String
    package var cgroupVersion: String
    package var defaultRuntime: String
    package var imageID: String
    package var seccompProfileHash: String
    /// The engine the run's profile measured on (`unix:///var/run/docker.sock`); empty when not
    /// known. Not a column of its own: it is read from the run's stored profile (its
    /// configuration), so it is not part of this type's JSON either.
    package var engine: String = ""
    /// The sandbox profile's limits and policy (`512m`, `1.0`, `256`, `default`), read like the
    /// engine from the run's stored profile; empty when not known. A run with `--cpus 0.2
    /// --memory 256m` measures another sandbox, and says so.
    package var sandboxMemory: String = ""
    package var sandboxCPUs: String = ""
    package var sandboxPidsLimit: String = ""
    package var sandboxSeccomp: String = ""

    enum CodingKeys: String, CodingKey {
        case host, cpuModel, cpuCount, memoryBytes, kernel, os, dockerVersion, apiVersion, containerdVersion
        case runcVersion, storageDriver, cgroupVersion, defaultRuntime, imageID, seccompProfileHash
    }

    package init(
        host: String = "", cpuModel: String = "", cpuCount: Int = 0, memoryBytes: Int64 = 0, kernel: String = "",
        os: String = "", dockerVersion: String = "", apiVersion: String = "", containerdVersion: String = "",
        runcVersion: String = "", storageDriver: String = "", cgroupVersion: String = "", defaultRuntime: String = "",
        imageID: String = "", seccompProfileHash: String = ""
    ) {
        self.host = host
        self.cpuModel = cpuModel
        self.cpuCount = cpuCount
        self.memoryBytes = memoryBytes
        self.kernel = kernel
        self.os = os
        self.dockerVersion = dockerVersion
        self.apiVersion = apiVersion
        self.containerdVersion = containerdVersion
        self.runcVersion = runcVersion
        self.storageDriver = storageDriver
        self.cgroupVersion = cgroupVersion
        self.defaultRuntime = defaultRuntime
        self.imageID = imageID
        self.seccompProfileHash = seccompProfileHash
    }

    /// One field that differs between two fingerprints, named for a person.
    package struct Difference: Sendable, Codable, Hashable {
        package var field: String
        package var baseline: String
        package var current: String
    }

    /// The fields that can move the figures, with a readable name each. The host name is
    /// deliberately absent: a renamed machine measures the same.
    package static let comparedFields: [(name: String, value: @Sendable (EnvironmentFingerprint) -> String)] = [
        // First: two engines compare engines, whatever else differs.
        ("engine", { $0.engine }),
        ("Docker version", { $0.dockerVersion }),
        ("API version", { $0.apiVersion }),
        ("containerd version", { $0.containerdVersion }),
        ("runc version", { $0.runcVersion }),
        ("kernel", { $0.kernel }),
        ("OS", { $0.os }),
        ("storage driver", { $0.storageDriver }),
        ("cgroup version", { $0.cgroupVersion }),
        // The runtime the sandbox used: the profile's, else the engine's default (as the probe stores it).
        ("sandbox runtime", { $0.defaultRuntime }),
        ("sandbox memory limit", { $0.sandboxMemory }),
        ("sandbox CPU limit", { $0.sandboxCPUs }),
        ("sandbox pids limit", { $0.sandboxPidsLimit }),
        ("sandbox seccomp policy", { $0.sandboxSeccomp }),
        ("CPU count", { String($0.cpuCount) }),
        ("CPU model", { $0.cpuModel }),
        ("memory", { String($0.memoryBytes) }),
        ("sandbox image id", { $0.imageID }),
        ("seccomp profile", { $0.seccompProfileHash }),
    ]

    /// The figure-moving fields in which `current` differs from `self`; a field one side does not
    /// know (an engine of a run stored before engines were read) is no difference.
    /// Fields read from the stored profile: one a side does not know is no difference.
    static let readFromProfile: Set<String> = [
        "engine", "sandbox memory limit", "sandbox CPU limit", "sandbox pids limit", "sandbox seccomp policy",
    ]

    package func differences(to current: EnvironmentFingerprint) -> [Difference] {
        Self.comparedFields.compactMap { field in
            let a = field.value(self)
            let b = field.value(current)
            guard a != b, !Self.readFromProfile.contains(field.name) || (!a.isEmpty && !b.isEmpty) else { return nil }
            return Difference(field: field.name, baseline: a, current: b)
        }
    }
}
