import BenchModel
import EngineInterface

extension InMemoryEngine {
    package func ping() async throws -> Bool {
        try await call(.ping, "GET", "/_ping", deadline: deadlines.ping) { _ in true }
    }

    package func version() async throws -> VersionInfo {
        try await call(.version, "GET", "/version") { _ in
            VersionInfo(
                version: "27.5.1", apiVersion: self.apiVersion.description, os: "linux", kernelVersion: "6.1.0-memory",
                components: [
                    .init(name: "containerd", version: "1.7.24"), .init(name: "runc", version: "1.2.4"),
                ])
        }
    }

    package func info() async throws -> SystemInfo {
        try await call(.info, "GET", "/info") { _ in
            SystemInfo(
                rootDirectory: "/in-memory" + self.host.socketPath, driver: "overlay2", cgroupDriver: "systemd",
                cgroupVersion: "2", defaultRuntime: "runc", kernelVersion: "6.1.0-memory",
                operatingSystem: "In-memory engine", runtimes: ["runc": .init(path: "runc")],
                memTotal: 8 << 30, cpuCount: 2)
        }
    }

    package func inspectImage(_ name: String) async throws -> ImageInspect {
        try await call(.inspectImage, "GET", "/images/\(name)/json") { _ in
            guard self.state.withLock({ $0.images.contains(name) }) else { throw DockerEngineError.imageNotFound(name) }
            return ImageInspect(id: "sha256:" + SHA256.hex(of: Array(name.utf8)), size: 180_000_000)
        }
    }

    /// Pulls an image ``makePullable(_:)`` named; any other fails as a registry that has none.
    package func pullImage(_ reference: String, progress: @escaping @Sendable (PullProgress) -> Void) async throws {
        try await call(.pullImage, "POST", "/images/create", deadline: deadlines.pull) { _ in
            let pulled = self.state.withLock { state in
                guard state.pullable.contains(reference) else { return false }
                state.images.insert(reference)
                return true
            }
            guard pulled else {
                throw DockerEngineError.pullFailed(
                    image: reference, message: "pull access denied for \(reference), repository does not exist")
            }
            progress(PullProgress(status: "Pulling from \(reference)"))
            progress(PullProgress(status: "Status: Downloaded newer image for \(reference)"))
        }
    }

    package func listVolumes(labels: [String], danglingOnly: Bool) async throws -> [VolumeSummary] {
        try await call(.listVolumes, "GET", "/volumes") { _ in
            self.state.withLock { state in
                state.volumes.filter { _, volume in
                    Self.carries(volume.labels, labels) && (!danglingOnly || volume.usedBy == nil)
                }.map { VolumeSummary(name: $0.key, labels: $0.value.labels, createdAt: $0.value.createdAt) }.sorted {
                    $0.name < $1.name
                }
            }
        }
    }

    package func removeVolume(_ name: String) async throws -> Bool {
        try await call(.removeVolume, "DELETE", "/volumes/\(name)") { record in
            try self.state.withLock { state in
                guard let volume = state.volumes[name] else { return false }
                if let user = volume.usedBy {
                    throw DockerEngineError.api(
                        status: 409, message: "remove \(name): volume is in use - [\(user)]", request: record.request)
                }
                state.volumes[name] = nil
                return true
            }
        }
    }
}
