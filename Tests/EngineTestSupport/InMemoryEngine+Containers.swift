import BenchModel
import EngineInterface
import Foundation

extension InMemoryEngine {
    package func createContainer(_ request: ContainerCreateRequest, name: String?) async throws -> ContainerCreated {
        try await call(.create, "POST", "/containers/create", creating: request, name: name) { record in
            let id = self.makeID("container")
            return try self.state.withLock { state in
                guard state.images.contains(request.image) else { throw DockerEngineError.imageNotFound(request.image) }
                if let name, state.container(name) != nil {
                    throw DockerEngineError.api(
                        status: 409, message: "Conflict. The container name \"/\(name)\" is already in use",
                        request: record.request)
                }
                var facts = record.container ?? ContainerFacts(id: nil, name: name, request: request, ordinal: 0)
                facts.id = id
                var container = StoredContainer(facts: facts, created: Int64(Date().timeIntervalSince1970))
                for mount in request.hostConfig.mounts ?? [] where mount.type == "volume" {
                    let volume = SHA256.hex(of: Array("volume of \(id) at \(mount.target)".utf8))
                    state.volumes[volume] = StoredVolume(labels: mount.volumeLabels ?? [:], usedBy: id)
                    container.volumes.append(volume)
                }
                state.containers[id] = container
                return ContainerCreated(id: id)
            }
        }
    }

    package func startContainer(_ id: String) async throws {
        try await call(.start, "POST", "/containers/\(id)/start", container: id) { record in
            let container = try self.existing(id, record)
            guard container.status != .running else { return }
            let outcome = self.run(container.facts.request.cmd, in: container, isExec: false)
            try self.state.withLock { state in
                let id = container.id
                switch outcome {
                case .cannotStart(let message):
                    state.containers[id]?.status = .created
                    state.containers[id]?.exitCode = 127
                    throw DockerEngineError.api(status: 400, message: message, request: record.request)
                case .exits(let status, let stdout, let stderr, let oomKilled):
                    state.containers[id]?.status = .exited
                    state.containers[id]?.exitCode = oomKilled ? 137 : status
                    state.containers[id]?.oomKilled = oomKilled
                    state.containers[id]?.stdout += stdout
                    state.containers[id]?.stderr += stderr
                case .runsUntilKilled(let stdout):
                    state.containers[id]?.status = .running
                    state.containers[id]?.stdout += stdout
                }
            }
        }
    }

    package func waitContainer(_ id: String, deadline: Duration) async throws -> ContainerExit {
        try await call(.wait, "POST", "/containers/\(id)/wait", container: id, deadline: deadline) { record in
            let id = try self.existing(id, record).id
            let waiter = Int.random(in: 0...Int.max)
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let now: Result<ContainerExit, any Error>? = self.state.withLock { state in
                        guard let container = state.containers[id] else {
                            return .failure(Self.noSuchContainer(id, record))
                        }
                        guard container.status == .running else {
                            return .success(ContainerExit(statusCode: container.exitCode ?? 0))
                        }
                        if Task.isCancelled { return .failure(CancellationError()) }
                        state.waiters[id, default: [:]][waiter] = continuation
                        return nil
                    }
                    if let now { continuation.resume(with: now) }
                }
            } onCancel: {
                let continuation = self.state.withLock { $0.waiters[id]?.removeValue(forKey: waiter) }
                continuation?.resume(throwing: CancellationError())
            }
        }
    }

    package func containerLogs(_ id: String, limit: Int) async throws -> DemultiplexedOutput {
        try await call(.logs, "GET", "/containers/\(id)/logs", container: id) { record in
            let container = try self.existing(id, record)
            var output = DemultiplexedOutput(limit: limit)
            output.append(Array(container.stdout.utf8), to: .stdout)
            output.append(Array(container.stderr.utf8), to: .stderr)
            return output
        }
    }

    package func inspectContainer(_ id: String) async throws -> ContainerInspect {
        try await call(.inspect, "GET", "/containers/\(id)/json", container: id) { record in
            let container = try self.existing(id, record)
            return ContainerInspect(
                id: container.id, name: container.facts.name.map { "/" + $0 },
                state: ContainerInspect.State(
                    status: container.status.rawValue, running: container.status == .running,
                    oomKilled: container.oomKilled, exitCode: container.exitCode ?? 0),
                hostConfig: Self.applied(container.facts.request.hostConfig))
        }
    }

    /// The limits the container was created with, as a runtime that enforces them reports them.
    package func containerStats(_ id: String) async throws -> ContainerStats {
        try await call(.stats, "GET", "/containers/\(id)/stats", container: id) { record in
            let host = try self.existing(id, record).facts.request.hostConfig
            return ContainerStats(
                memoryLimit: host.memory ?? (8 << 30), pidsLimit: host.pidsLimit ?? 0,
                cpuPeriods: host.nanoCpus == nil ? 0 : 1, memoryUsage: 40 << 20)
        }
    }

    static func applied(_ host: HostConfig) -> ContainerInspect.AppliedHostConfig {
        ContainerInspect.AppliedHostConfig(
            runtime: host.runtime ?? "runc", networkMode: host.networkMode, readonlyRootfs: host.readonlyRootfs,
            securityOpt: host.securityOpt ?? [], nanoCpus: host.nanoCpus ?? 0)
    }

    package func killContainer(_ id: String, signal: String) async throws {
        try await call(.kill, "POST", "/containers/\(id)/kill", container: id) { record in
            let container = try self.existing(id, record)
            let waits = self.state.withLock { $0.stop(container.id, status: 137) }
            for wait in waits { wait.resume(returning: ContainerExit(statusCode: 137)) }
        }
    }

    package func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws -> Bool {
        try await call(.remove, "DELETE", "/containers/\(id)", container: id) { record in
            let waits = try self.state.withLock { state -> [CheckedContinuation<ContainerExit, any Error>]? in
                guard let container = state.container(id) else { return nil }
                if container.status == .running, !force {
                    throw DockerEngineError.api(
                        status: 409,
                        message: "cannot remove container \"\(container.facts.name ?? id)\": container is running",
                        request: record.request)
                }
                let waits = state.stop(container.id, status: 137)
                state.containers[container.id] = nil
                for volume in container.volumes {
                    if removeVolumes { state.volumes[volume] = nil } else { state.volumes[volume]?.usedBy = nil }
                }
                return waits
            }
            guard let waits else { return false }
            for wait in waits { wait.resume(returning: ContainerExit(statusCode: 137)) }
            return true
        }
    }

    package func listContainers(labels: [String]) async throws -> [ContainerSummary] {
        try await call(.list, "GET", "/containers/json") { _ in
            self.state.withLock { state in
                state.containers.values.filter { Self.carries($0.facts.request.labels, labels) }
                    .sorted { $0.facts.ordinal < $1.facts.ordinal }.map(\.summary)
            }
        }
    }

    package func uploadArchive(_ tar: [UInt8], to id: String, path: String) async throws {
        try await call(.upload, "PUT", "/containers/\(id)/archive", container: id) { record in
            let container = try self.existing(id, record)
            let mounts = container.facts.request.hostConfig.mounts ?? []
            if container.facts.request.hostConfig.readonlyRootfs,
                !mounts.contains(where: { path == $0.target || path.hasPrefix($0.target + "/") })
            {
                throw DockerEngineError.api(
                    status: 403, message: "container rootfs is marked read-only", request: record.request)
            }
            guard let files = TarArchive.files(in: tar) else {
                throw DockerEngineError.api(status: 400, message: "unexpected EOF", request: record.request)
            }
            self.state.withLock { state in
                for (name, contents) in files { state.containers[container.id]?.files[path + "/" + name] = contents }
            }
        }
    }

    /// The container a call names, or the engine's 404.
    func existing(_ reference: String, _ record: EngineCallRecord) throws -> StoredContainer {
        guard let container = state.withLock({ $0.container(reference) }) else {
            throw Self.noSuchContainer(reference, record)
        }
        return container
    }

    static func noSuchContainer(_ reference: String, _ record: EngineCallRecord) -> DockerEngineError {
        .api(status: 404, message: "No such container: \(reference)", request: record.request)
    }

    /// True when `labels` carry every filter (`key=value`, or `key`).
    static func carries(_ labels: [String: String]?, _ filters: [String]) -> Bool {
        filters.allSatisfy { filter in
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard let value = labels?[parts[0]] else { return false }
            return parts.count == 1 || value == parts[1]
        }
    }

    /// A container vanishes, as if something else removed it behind the tool's back.
    package func lose(_ reference: String) {
        let waits = state.withLock { state -> [CheckedContinuation<ContainerExit, any Error>] in
            guard let container = state.container(reference) else { return [] }
            let waits = state.stop(container.id, status: 137)
            state.containers[container.id] = nil
            for volume in container.volumes { state.volumes[volume] = nil }
            return waits
        }
        for wait in waits {
            wait.resume(
                throwing: DockerEngineError.api(
                    status: 404, message: "No such container: \(reference)",
                    request: EngineCall.name("POST", "/containers/\(reference)/wait")))
        }
    }

    /// Runs the program for `command` in `container`, outside the lock.
    func run(_ command: [String], in container: StoredContainer, isExec: Bool) -> ProgramOutcome {
        let code: String?
        if let flag = command.firstIndex(of: "-c"), flag + 1 < command.count {
            code = command[flag + 1]
        } else {
            code = command.last.flatMap { container.files[$0] }.map { String(decoding: $0, as: UTF8.self) }
        }
        let program = state.withLock { $0.program }
        return program(ProgramRun(command: command, code: code, container: container.facts, isExec: isExec))
    }

    /// The volume a create that fails half-way leaves: made, then never recorded, so without
    /// labels (at `createdAt`, now by default). Also a volume of someone else's, for a test.
    @discardableResult
    package func leaveUnlabeledVolume(createdAt: Date = Date()) -> String {
        let name = makeID("volume")
        state.withLock {
            $0.volumes[name] = StoredVolume(
                labels: [:], createdAt: StoredVolume.timestamp(createdAt), usedBy: nil)
        }
        return name
    }
}
