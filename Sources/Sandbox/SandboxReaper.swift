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

    /// Containers of `run` (or of every run when nil) still on the engine.
    public func containers(ofRun run: String? = nil) async throws -> [ContainerSummary] {
        var labels = [SandboxLabel.ownerFilter]
        if let run { labels.append("\(SandboxLabel.run)=\(run)") }
        return try await engine.listContainers(labels: labels)
    }

    /// Removes the containers of `run` (or of every run), except those of `keepRun`.
    public func reap(run: String? = nil, keepRun: String? = nil) async throws -> Report {
        let leftovers = try await containers(ofRun: run).filter { $0.labels?[SandboxLabel.run] != keepRun || keepRun == nil }
        return await withTaskGroup(of: (String, ContainerRemoval.Outcome).self) { group in
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
