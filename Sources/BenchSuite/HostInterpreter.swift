import BenchModel
import Foundation

/// The direct baseline: a fresh interpreter process on the host, per sample.
///
/// The executable is resolved once to the real binary, because a launcher on PATH (pyenv's shim
/// is a shell script that starts several processes) would add its own ~200 ms to every sample.
public struct HostInterpreter: Sendable {
    public let executable: String
    public let version: String

    /// Resolves `command` (a name on PATH or a path) to the interpreter's own executable.
    public static func resolve(_ command: String = "python3") async throws -> HostInterpreter {
        let probe = try await ProcessRunner.run(
            command, arguments: ["-c", "import sys, platform; print(sys.executable); print(platform.python_version())"])
        let lines = probe.stdout.split(separator: "\n").map(String.init)
        guard probe.exitCode == 0, lines.count >= 2, FileManager.default.isExecutableFile(atPath: lines[0]) else {
            throw HostInterpreterError.unusable(command: command, detail: probe.exitCode == 0 ? probe.stdout : probe.stderr)
        }
        return HostInterpreter(executable: lines[0], version: lines[1])
    }

    /// Whether `module` imports on the host; the reason when it does not.
    public func missingModuleReason(_ module: String) async -> String? {
        guard let result = try? await ProcessRunner.run(executable, arguments: ["-c", "import \(module)"]) else {
            return "\(executable) could not be started"
        }
        guard result.exitCode != 0 else { return nil }
        let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.exitCode)"
        return "the host interpreter \(executable) (Python \(version)) cannot import \(module): \(lastLine)"
    }

    /// Runs the file at `path` in a new interpreter process; the seconds span spawn to exit.
    public func run(file path: String) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run(executable, arguments: [path])
    }
}

public enum HostInterpreterError: Error, CustomStringConvertible {
    case unusable(command: String, detail: String)

    public var description: String {
        switch self {
        case .unusable(let command, let detail):
            return "The host interpreter \(command) could not be resolved to an executable (\(detail.prefix(200))); install python3 or pass --host-python PATH."
        }
    }
}

/// Starts a process, collects its output, and times it from spawn until it has exited and its
/// output is in hand, with the monotonic clock.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
        public var seconds: Double
    }

    public static func run(_ command: String, arguments: [String]) async throws -> Result {
        let process = Process()
        if command.contains("/") {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [command] + arguments
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let (exited, exit) = AsyncStream.makeStream(of: ContinuousClock.Instant.self)
        process.terminationHandler = { _ in
            exit.yield(clock.now)
            exit.finish()
        }
        let start = clock.now
        try process.run()
        // Read both pipes to their end while the process runs, so a large output cannot block it.
        // Each end is timed where it happens, not when these tasks are joined: on a busy machine
        // the join can come late, and that delay is not the interpreter's.
        async let out = Task.detached { (stdout.fileHandleForReading.readDataToEndOfFile(), clock.now) }.value
        async let err = Task.detached { (stderr.fileHandleForReading.readDataToEndOfFile(), clock.now) }.value
        var end = start
        for await instant in exited { end = instant }
        let ((outData, outEnd), (errData, errEnd)) = await (out, err)
        // The output is in hand when the process has exited and both pipes have ended.
        let elapsed = max(end, outEnd, errEnd) - start
        return Result(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), seconds: elapsed.seconds)
    }
}
