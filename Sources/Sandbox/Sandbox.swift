import BenchModel
import DockerEngine
import Foundation

/// Runs Python code in fresh sandbox containers on one engine, on behalf of one run: every
/// container it creates carries the run's labels and is removed on every path.
public struct Sandbox: Sendable {
    public let engine: DockerEngine
    public let runID: String
    /// This process, named in every container's labels, so that only containers of dead processes are reaped.
    public let creator: ProcessIdentity

    public init(engine: DockerEngine, runID: String, creator: ProcessIdentity = .current) {
        self.engine = engine
        self.runID = runID
        self.creator = creator
    }

    /// A unique container name that says whose it is.
    func makeContainerName() -> String {
        "sandbox-bench-\(runID)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs `code` in a new container through its whole life — create (with the code delivered),
    /// start, wait, logs, remove — and times each phase.
    ///
    /// Failures of the sandbox (a container that cannot start, code that exits non-zero, a
    /// timeout, a failed removal) are reported in the result, not thrown. The only error thrown
    /// is `CancellationError`, and only after the container was removed.
    public func run(_ code: String, profile: SandboxProfile, spec: String? = nil) async throws -> SandboxResult {
        var result = SandboxResult(containerName: makeContainerName())
        var cancelled = false
        do {
            try await execute(code, profile: profile, spec: spec, into: &result)
        } catch is CancellationError {
            cancelled = true
        } catch {
            result.failure = "\(error)"
        }
        result.removal = await ContainerRemoval.remove(result.containerName, engine: engine)
        result.phases[.remove] = result.removal.seconds
        if cancelled || Task.isCancelled { throw CancellationError() }
        return result
    }

    private func execute(
        _ code: String, profile: SandboxProfile, spec: String?, into result: inout SandboxResult
    ) async throws {
        let created = try await createContainer(
            name: result.containerName, code: code, profile: profile, spec: spec, arguments: nil)
        result.containerID = created.id
        result.phases[.create] = created.seconds

        let (_, startSeconds) = try await timed { try await engine.startContainer(created.id) }
        result.phases[.start] = startSeconds

        let (exit, runSeconds) = try await timed {
            try await waitForExit(created.id, timeoutSeconds: profile.timeoutSeconds)
        }
        result.phases[.run] = runSeconds
        result.exitCode = exit.status
        result.timedOut = exit.timedOut

        let (output, logsSeconds) = try await timed { try await engine.containerLogs(created.id) }
        result.phases[.logs] = logsSeconds
        result.stdout = output.stdoutText
        result.stderr = output.stderrText
        result.outputTruncated = output.truncated

        // Only a failed run needs to know why; a successful one is not slowed by an extra request.
        if exit.status != 0 {
            result.oomKilled = (try? await engine.inspectContainer(created.id).state.oomKilled) ?? false
        }
    }

    /// Creates a container and uploads `code` into its code volume. The seconds cover both:
    /// the container is ready to start when they end.
    func createContainer(
        name: String, code: String, profile: SandboxProfile, spec: String?, arguments: [String]?
    ) async throws -> (id: String, seconds: Double) {
        let stopwatch = Stopwatch()
        let request = profile.createRequest(runID: runID, spec: spec, arguments: arguments, creator: creator)
        let created = try await engine.createContainer(request, name: name)
        let archive = TarArchive([.init(name: SandboxProfile.codeFileName, contents: Array(code.utf8))])
        try await engine.uploadArchive(archive.bytes, to: created.id, path: SandboxProfile.codeDirectory)
        return (created.id, stopwatch.seconds)
    }

    /// Waits for the container to exit; at the timeout, kills it and waits for the kill to land.
    func waitForExit(_ id: String, timeoutSeconds: Double) async throws -> (status: Int, timedOut: Bool) {
        let exit: ContainerExit? = try await withThrowingTaskGroup(of: ContainerExit?.self) { group in
            group.addTask { try await engine.waitContainer(id) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(timeoutSeconds * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        if let exit {
            return (exit.statusCode, false)
        }
        try await engine.killContainer(id)
        let killed = try await engine.waitContainer(id)
        return (killed.statusCode, true)
    }
}
