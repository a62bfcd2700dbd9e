import EngineInterface

extension InMemoryEngine {
    /// Everything the engine holds, behind one lock.
    struct State {
        var deadlines: EngineDeadlines
        var images: Set<String>
        var pullable: Set<String> = []
        var program: ContainerProgram
        var latency: @Sendable (EngineCallRecord) -> Duration = { _ in .milliseconds(1) }
        var containers: [String: StoredContainer] = [:]
        var volumes: [String: StoredVolume] = [:]
        var execs: [String: StoredExec] = [:]
        var rules: [CueRule] = []
        var refusedRemovals: Int?
        var calls: [EngineCallRecord] = []
        var ordinals: [EngineOperation: Int] = [:]
        var creates = 0
        var serial = 0
        var gone = false
        /// While away: how many more calls and connections find it gone before it answers again
        /// (nil: until ``InMemoryEngine/comeBack()``).
        var awayFor: Int?
        var hung: [CheckedContinuation<Void, Never>] = []
        /// Waits for containers to stop, by container id and waiter.
        var waiters: [String: [Int: CheckedContinuation<ContainerExit, any Error>]] = [:]
        var connections = 0
        var shutdowns = 0

        init(deadlines: EngineDeadlines, images: Set<String>, program: @escaping ContainerProgram) {
            self.deadlines = deadlines
            self.images = images
            self.program = program
        }

        /// The container a reference names: its id, a unique prefix of it, or its name (with or without "/").
        func container(_ reference: String) -> StoredContainer? {
            if let exact = containers[reference] { return exact }
            let name = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
            if let named = containers.values.first(where: { $0.facts.name == name }) { return named }
            let prefixed = containers.values.filter { $0.id.hasPrefix(reference) }
            return prefixed.count == 1 ? prefixed.first : nil
        }

        /// Stops a running container with `status`; returns the waits to resume.
        mutating func stop(_ id: String, status: Int) -> [CheckedContinuation<ContainerExit, any Error>] {
            if containers[id]?.status == .running {
                containers[id]?.status = .exited
                containers[id]?.exitCode = status
            }
            return Array((waiters.removeValue(forKey: id) ?? [:]).values)
        }
    }

    /// A container as the engine keeps it.
    struct StoredContainer: Sendable {
        enum Status: String, Sendable {
            case created, running, exited
        }

        var facts: ContainerFacts
        var id: String { facts.id ?? "" }
        var status = Status.created
        var exitCode: Int?
        var oomKilled = false
        var stdout = ""
        var stderr = ""
        /// Files uploaded into it, by absolute path.
        var files: [String: [UInt8]] = [:]
        /// Its anonymous volumes (the code volume).
        var volumes: [String] = []
        /// Unix time of its creation.
        var created: Int64

        var summary: ContainerSummary {
            ContainerSummary(
                id: id, names: facts.name.map { ["/" + $0] } ?? [], labels: facts.request.labels,
                state: status.rawValue,
                status: status == .exited ? "Exited (\(exitCode ?? 0))" : status.rawValue.capitalized,
                created: created)
        }
    }

    struct StoredVolume: Sendable {
        var labels: [String: String]
        /// The container that uses it, if one does.
        var usedBy: String?
    }

    struct StoredExec: Sendable {
        var containerID: String
        var command: [String]
        var exitCode: Int?
        var running = false
    }

    /// What the engine holds of each container now, in creation order.
    package var containers: [ContainerState] {
        state.withLock { state in
            state.containers.values.sorted { $0.facts.ordinal < $1.facts.ordinal }.map {
                ContainerState(
                    facts: $0.facts, status: $0.status.rawValue, exitCode: $0.exitCode, volumes: $0.volumes)
            }
        }
    }

    /// The names of the volumes the engine holds, with their labels.
    package var volumes: [String: [String: String]] {
        state.withLock { $0.volumes.mapValues(\.labels) }
    }
}

/// One container as a test sees it.
package struct ContainerState: Sendable {
    package var facts: ContainerFacts
    /// `created`, `running` or `exited`.
    package var status: String
    package var exitCode: Int?
    package var volumes: [String]

    package var id: String { facts.id ?? "" }
    package var name: String? { facts.name }
}

extension InMemoryEngine.State {
    /// Whether the engine is away for this call or connection; one that was away for a counted
    /// number of them answers again once they are used up.
    mutating func isAway() -> Bool {
        guard gone else { return false }
        if let remaining = awayFor {
            if remaining <= 0 {
                gone = false
                awayFor = nil
                return false
            }
            awayFor = remaining - 1
        }
        return true
    }
}
