import BenchModel
import DockerEngine

/// Finds and removes sandbox containers that outlived the run that created them — left behind by a
/// run that was killed, or by a removal that failed.
public struct SandboxReaper: Sendable {
    public let engine: DockerEngine

    public init(engine: DockerEngine) {
        self.engine = engine
    }

    public struct Report: Sendable {
        public var removed: [String] = []
        /// Containers that could not be removed, with the daemon's reason.
        public var failed: [(id: String, reason: String)] = []
    }

    /// Containers of `run` (or of every run when nil), created by `creator` (or by anyone), still on the engine.
    public func containers(ofRun run: String? = nil, createdBy creator: ProcessIdentity? = nil) async throws -> [ContainerSummary] {
        var labels = [SandboxLabel.ownerFilter]
        if let run { labels.append("\(SandboxLabel.run)=\(run)") }
        if let creator { labels += SandboxLabel.filters(of: creator) }
        return try await engine.listContainers(labels: labels)
    }

    /// Containers whose creating process is gone: left behind by a run (or a `doctor`) that died.
    /// Containers of live processes — another run on another database, a `doctor` — are not orphans.
    public func orphans() async throws -> [ContainerSummary] {
        try await containers().filter(Self.isOrphan)
    }

    /// True when the process that created `container` is gone (or the container names none).
    public static func isOrphan(_ container: ContainerSummary) -> Bool {
        SandboxLabel.creator(in: container.labels ?? [:])?.isGone ?? true
    }

    /// Removes the containers of `run` (or of every run) created by `creator` (or by anyone).
    public func reap(run: String? = nil, createdBy creator: ProcessIdentity? = nil) async throws -> Report {
        await remove(try await containers(ofRun: run, createdBy: creator))
    }

    /// Removes every orphan.
    public func reapOrphans() async throws -> Report {
        await remove(try await orphans())
    }

    private func remove(_ leftovers: [ContainerSummary]) async -> Report {
        await withTaskGroup(of: (String, ContainerRemoval.Outcome).self) { group in
            for container in leftovers {
                group.addTask { (container.id, await ContainerRemoval.remove(container.id, engine: engine)) }
            }
            var report = Report()
            for await (id, outcome) in group {
                if outcome.removed {
                    report.removed.append(id)
                } else {
                    report.failed.append((id, outcome.error ?? "unknown reason"))
                }
            }
            return report
        }
    }
}
