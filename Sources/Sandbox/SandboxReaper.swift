import BenchModel
import EngineInterface

/// Finds and removes sandbox containers, and the code volumes of creates that failed half-way,
/// that outlived the run that created them — left behind by a run that was killed, by a removal
/// that failed, or by an engine that went away in the middle of a run.
package struct SandboxReaper: Sendable {
    package let engine: any ContainerEngine

    package init(engine: any ContainerEngine) {
        self.engine = engine
    }

    package struct Report: Sendable {
        package var removed: [String] = []
        /// Containers that could not be removed, with the daemon's reason.
        package var failed: [(id: String, reason: String)] = []
        package var removedVolumes: [String] = []
        /// Volumes that could not be removed, with the daemon's reason.
        package var failedVolumes: [(name: String, reason: String)] = []
    }

    /// Containers of `run` (or of every run when nil), created by `creator` (or by anyone), still on the engine.
    package func containers(ofRun run: String? = nil, createdBy creator: ProcessIdentity? = nil) async throws
        -> [ContainerSummary]
    {
        try await engine.listContainers(labels: Self.filters(run: run, creator: creator))
    }

    /// Volumes of `run` (or of every run), created by `creator` (or by anyone), that no container uses.
    package func danglingVolumes(ofRun run: String? = nil, createdBy creator: ProcessIdentity? = nil) async throws
        -> [VolumeSummary]
    {
        try await engine.listVolumes(labels: Self.filters(run: run, creator: creator), danglingOnly: true)
    }

    /// Containers whose creating process is gone: left behind by a run (or a `doctor`) that died.
    /// Containers of live processes — another run on another database, a `doctor` — are not orphans.
    package func orphans() async throws -> [ContainerSummary] {
        try await containers().filter(Self.isOrphan)
    }

    /// True when the process that created `container` is gone (or the container names none).
    package static func isOrphan(_ container: ContainerSummary) -> Bool {
        isOrphan(container.labels)
    }

    /// Removes the containers of `run` (or of every run) created by `creator` (or by anyone), then their unused volumes.
    package func reap(run: String? = nil, createdBy creator: ProcessIdentity? = nil) async throws -> Report {
        var report = await remove(try await containers(ofRun: run, createdBy: creator))
        await removeVolumes(try await danglingVolumes(ofRun: run, createdBy: creator), into: &report)
        return report
    }

    /// Removes every orphan container, then every unused volume whose creating process is gone.
    package func reapOrphans() async throws -> Report {
        var report = await remove(try await orphans())
        await removeVolumes(try await danglingVolumes().filter { Self.isOrphan($0.labels) }, into: &report)
        return report
    }

    static func filters(run: String?, creator: ProcessIdentity?) -> [String] {
        var labels = [SandboxLabel.ownerFilter]
        if let run { labels.append("\(SandboxLabel.run)=\(run)") }
        if let creator { labels += SandboxLabel.filters(of: creator) }
        return labels
    }

    /// A thing without a creator label (made by an earlier version) counts as an orphan.
    static func isOrphan(_ labels: [String: String]?) -> Bool {
        SandboxLabel.creator(in: labels ?? [:])?.isGone ?? true
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

    private func removeVolumes(_ volumes: [VolumeSummary], into report: inout Report) async {
        let outcomes = await withTaskGroup(of: (String, String?).self) { group in
            for volume in volumes {
                group.addTask {
                    do {
                        try await engine.removeVolume(volume.name)
                        return (volume.name, nil)
                    } catch {
                        return (volume.name, "\(error)")
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (name, failure) in outcomes {
            if let failure { report.failedVolumes.append((name, failure)) } else { report.removedVolumes.append(name) }
        }
    }
}
