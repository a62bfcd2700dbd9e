import EngineInterface

/// One running sandbox container that code is executed in again and again (`docker exec`),
/// for the container-reuse measurements.
package struct WarmContainer: Sendable {
    /// Code up to this size is passed as an argument (`python3 -c`); larger code is uploaded
    /// into the code volume first, because one argument may not exceed 128 KiB on Linux.
    static let inlineCodeLimit = 64 << 10

    package let name: String
    package let id: String
    let engine: any ContainerEngine
    let profile: SandboxProfile

    /// The outcome of one execution.
    package struct Execution: Sendable {
        package var exitCode: Int?
        package var stdout: String
        package var stderr: String
        /// From creating the exec to knowing its exit code.
        package var seconds: Double

        package var succeeded: Bool { exitCode == 0 }
    }

    /// Runs `code` in the container and waits for it to finish.
    package func execute(_ code: String) async throws -> Execution {
        let stopwatch = Stopwatch(engine.clock)
        var command = profile.command
        if code.utf8.count <= Self.inlineCodeLimit {
            command += ["-c", code]
        } else {
            try await engine.uploadArchive(Sandbox.codeArchive(code), to: id, path: SandboxProfile.codeDirectory)
            command.append(SandboxProfile.codePath)
        }
        let execID = try await engine.createExec(
            in: id, ExecCreateRequest(cmd: command, user: profile.user, workingDir: "/tmp"))
        let timeout = Duration.milliseconds(Int64((profile.timeoutSeconds * 1000).rounded()))
        let output = try await engine.startExec(execID, deadline: timeout + engine.deadlines.waitMargin)
        let inspection = try await engine.inspectExec(execID)
        return Execution(
            exitCode: inspection.exitCode, stdout: output.stdoutText, stderr: output.stderrText,
            seconds: stopwatch.seconds)
    }
}

extension Sandbox {
    /// Starts one container from `profile` that idles until removed, passes it to `body`, and
    /// removes it afterwards on every path.
    package func withWarmContainer<T: Sendable>(
        profile: SandboxProfile, spec: String? = nil, _ body: (WarmContainer) async throws -> T
    ) async throws -> (value: T, removal: ContainerRemoval.Outcome) {
        let name = makeContainerName()
        let outcome: Result<T, any Error>
        do {
            // An idle process that needs nothing but the image's coreutils.
            let id = try await createContainer(
                name: name, profile: profile, spec: spec, arguments: ["sleep", "infinity"])
            try await engine.startContainer(id)
            let warm = WarmContainer(name: name, id: id, engine: engine, profile: profile)
            outcome = .success(try await body(warm))
        } catch {
            outcome = .failure(error)
        }
        let removal = await remove(name)
        return (try outcome.get(), removal)
    }
}
