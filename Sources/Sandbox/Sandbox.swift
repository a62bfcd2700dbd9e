import BenchModel
import EngineInterface
import Foundation

/// Runs Python code in fresh sandbox containers on one engine, on behalf of one run: every
/// container it creates carries the run's labels and is removed on every path.
package struct Sandbox: Sendable {
    package let engine: any ContainerEngine
    package let runID: String
    /// This process, named in every container's labels, so that only containers of dead processes are reaped.
    package let creator: ProcessIdentity
    /// Every container this sandbox (and its copies) created, with its removal.
    package let ledger: ContainerLedger

    package init(
        engine: any ContainerEngine, runID: String, creator: ProcessIdentity = .current,
        ledger: ContainerLedger = ContainerLedger()
    ) {
        self.engine = engine
        self.runID = runID
        self.creator = creator
        self.ledger = ledger
    }

    /// The clock every phase and removal is timed on: the engine's (see ``MeasuringClock``).
    package var clock: any MeasuringClock { engine.clock }

    /// A unique container name that says whose it is.
    func makeContainerName() -> String {
        "sandbox-bench-\(runID)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs `code` in a new container through its whole life — create (with the code delivered),
    /// start, wait, logs, remove — and times each phase.
    ///
    /// Failures of the sandbox (a container that cannot start, code that exits non-zero, a
    /// timeout, a failed removal) are reported in the result, not thrown. Two errors are thrown:
    /// `CancellationError`, after the container was removed; and a fault of the engine itself
    /// (``DockerEngineError/isEngineFault``: it hangs past a deadline or went away), after which
    /// nothing measured would mean anything. A hung engine would hang the removal too, so it is
    /// left to the run's final sweep and the next run's reaper (the ledger knows the container).
    package func run(_ code: String, profile: SandboxProfile, spec: String? = nil) async throws -> SandboxResult {
        var result = SandboxResult(containerName: makeContainerName())
        var cancelled = false
        var fault: DockerEngineError?
        let wall = Stopwatch(clock)
        do {
            try await execute(code, profile: profile, spec: spec, into: &result)
        } catch is CancellationError {
            cancelled = true
        } catch let error as DockerEngineError where error.isEngineFault {
            fault = error
            result.failure = "\(error)"
        } catch {
            result.failure = "\(error)"
        }
        let interrupted = cancelled || Task.isCancelled
        if interrupted || fault?.isDeadline != true {
            // After an interruption the removal gets ``Deadline/shieldGrace`` (see ``ContainerRemoval``):
            // the process has a limited time to clean up, and the run's sweep and the next run come after it.
            result.removal = await remove(result.containerName)
            if !interrupted { result.phases[.remove] = result.removal.seconds }
        }
        result.wallSeconds = wall.seconds
        if interrupted { throw CancellationError() }
        if let fault { throw fault }
        return result
    }

    private func execute(
        _ code: String, profile: SandboxProfile, spec: String?, into result: inout SandboxResult
    ) async throws {
        // The archive is built before the clock starts: delivering it is part of creating the
        // container, building it in memory is not.
        let archive = Self.codeArchive(code)
        let stopwatch = Stopwatch(clock)
        let created = try await createContainer(
            name: result.containerName, profile: profile, spec: spec, arguments: nil)
        result.containerID = created
        try await deliver(archive, to: created)
        result.phases[.create] = stopwatch.seconds

        let (_, startSeconds) = try await timed(clock) { try await engine.startContainer(created) }
        result.phases[.start] = startSeconds

        let (exit, runSeconds) = try await timed(clock) {
            try await waitForExit(created, timeoutSeconds: profile.timeoutSeconds)
        }
        result.phases[.run] = runSeconds
        result.exitCode = exit.status
        result.timedOut = exit.timedOut

        let (output, logsSeconds) = try await timed(clock) { try await engine.containerLogs(created) }
        result.phases[.logs] = logsSeconds
        result.stdout = output.stdoutText
        result.stderr = output.stderrText
        result.outputTruncated = output.truncated

        // Only a failed run needs to know why; a successful one is not slowed by an extra request.
        if exit.status != 0 {
            result.oomKilled = await wasOOMKilled(created, killedBySignal: exit.status == 137 && !exit.timedOut)
        }
    }

    /// Creates a container and enters it in the ledger; returns its id.
    ///
    /// The request runs in a task of its own, which cancellation does not reach at once: the daemon
    /// goes on creating a container when its client hangs up, so a cancelled create would leave one
    /// behind after the removal that was meant for it. A create takes milliseconds; waiting for it
    /// is cheap — but only for ``Deadline/shieldGrace`` after a signal, so that an engine hanging
    /// on the create cannot hold the clean-up (the sweep by label finds what it made late).
    /// After the engine hung on a removal, no further container is created: the run ends.
    func createContainer(name: String, profile: SandboxProfile, spec: String?, arguments: [String]?) async throws
        -> String
    {
        if let fault = ledger.engineFault { throw fault }
        let request = profile.createRequest(runID: runID, spec: spec, arguments: arguments, creator: creator)
        let engine = self.engine
        let created: ContainerCreated
        ledger.createStarted(name: name)
        do {
            created = try await Deadline.shielded(grace: Deadline.shieldGrace) {
                () async -> Result<ContainerCreated, any Error> in
                do { return .success(try await engine.createContainer(request, name: name)) } catch {
                    return .failure(error)
                }
            }.get()
        } catch {
            // An error the engine sent is its answer: nothing was made. Anything else (a deadline,
            // a cancellation, a broken connection) leaves the container to be found by name.
            let answered: Bool
            switch error as? DockerEngineError {
            case .api?, .imageNotFound?: answered = true
            default: answered = false
            }
            ledger.createReturned(name: name, answered: answered)
            ledger.createFailed(error)
            throw error
        }
        ledger.created(id: created.id, name: name, spec: spec)
        ledger.createReturned(name: name, answered: true)
        return created.id
    }

    /// The code as a tar archive of one read-only file, owned by root: readable by the sandbox
    /// user whatever the host's file permissions are.
    static func codeArchive(_ code: String) -> [UInt8] {
        TarArchive([.init(name: SandboxProfile.codeFileName, contents: Array(code.utf8))]).bytes
    }

    /// Uploads the code archive into the container's code volume.
    func deliver(_ archive: [UInt8], to id: String) async throws {
        try await engine.uploadArchive(archive, to: id, path: SandboxProfile.codeDirectory)
    }

    /// Removes a container of this sandbox (see ``ContainerRemoval``) and enters the outcome in the ledger.
    package func remove(_ name: String) async -> ContainerRemoval.Outcome {
        let outcome = await ContainerRemoval.remove(name, engine: engine)
        ledger.removed(name: name, outcome)
        return outcome
    }

    /// ``remove(_:)`` that gives up waiting after `limit`; the removal goes on in the background.
    func remove(_ name: String, within limit: Duration) async -> ContainerRemoval.Outcome {
        let reason = "no answer within \(limit.components.seconds) s"
        let outcome = try? await Deadline.run(
            within: limit, followsCancellation: false, expired: { CancellationError() }, { await remove(name) })
        return outcome
            ?? ContainerRemoval.Outcome(
                removed: false, attempts: 1, seconds: Double(limit.components.seconds), error: reason)
    }

    /// Whether the kernel's OOM killer ended the container. The daemon learns of an OOM kill from
    /// an event that containerd may send after the exit event, or not at all (fixed upstream in
    /// containerd/containerd#12714), later still on a busy host: a SIGKILL we did not send is
    /// looked at again for up to two seconds before it is taken as something else.
    func wasOOMKilled(_ id: String, killedBySignal: Bool) async -> Bool {
        for attempt in 0..<(killedBySignal ? 40 : 1) {
            if attempt > 0 { try? await clock.sleep(for: .milliseconds(50)) }
            if (try? await engine.inspectContainer(id).state.oomKilled) == true { return true }
        }
        return false
    }

    /// Waits for the container to exit; at the timeout, kills it and waits for the kill to land.
    /// Each wait has a deadline of its own: an engine that never reports the exit must not hang the run.
    func waitForExit(_ id: String, timeoutSeconds: Double) async throws -> (status: Int, timedOut: Bool) {
        let timeout = Duration.milliseconds(Int64((timeoutSeconds * 1000).rounded()))
        let exit: ContainerExit? = try await withThrowingTaskGroup(of: ContainerExit?.self) { group in
            group.addTask { try await engine.waitContainer(id, deadline: timeout + engine.deadlines.waitMargin) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        if let exit {
            return (exit.statusCode, false)
        }
        try await engine.killContainer(id)
        let killed = try await engine.waitContainer(id, deadline: engine.deadlines.call)
        return (killed.statusCode, true)
    }
}

/// Times `body` on `clock` and returns its value with the seconds it took.
func timed<T>(_ clock: any MeasuringClock, _ body: () async throws -> T) async rethrows -> (value: T, seconds: Double) {
    let stopwatch = Stopwatch(clock)
    let value = try await body()
    return (value, stopwatch.seconds)
}
