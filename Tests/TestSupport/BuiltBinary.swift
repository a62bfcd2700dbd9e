import Foundation

/// Runs the built `sandbox-bench` executable, as a user would, and captures what it printed.
public struct BuiltBinary: Sendable {
    public struct Outcome: Sendable {
        /// The process that ran: sandbox containers carry it in their labels.
        public let pid: Int32
        public let exitCode: Int32
        public let stdout: String
        public let stderr: String
    }

    public let url: URL

    /// The executable `name` next to the test bundle in the build folder (`.build/debug/sandbox-bench`).
    /// A test target that depends on the executable's target makes SwiftPM build it first.
    public static func locate(_ name: String = "sandbox-bench") throws -> BuiltBinary {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return BuiltBinary(url: candidate)
            }
            directory = directory.deletingLastPathComponent()
        }
        throw LocateError(name: name)
    }

    struct LocateError: Error, CustomStringConvertible {
        let name: String
        var description: String {
            "The \(name) executable was not found next to the test bundle; run `swift build` first."
        }
    }

    /// Runs the binary with `arguments` and waits for it to exit.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> Outcome {
        let process = try start(arguments, environment: environment, in: directory)
        return process.waitForOutcome()
    }

    /// Starts the binary without waiting; the caller may signal it before collecting the outcome.
    /// `directory` is its working directory (reports land in `Reports/` there).
    public func start(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> RunningBinary {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return RunningBinary(process: process, stdout: stdout, stderr: stderr)
    }
}

/// A started `sandbox-bench` process. Output is drained on background threads so that a
/// chatty process never blocks on a full pipe.
public final class RunningBinary: @unchecked Sendable {
    // Process and Pipe are not Sendable; this object owns them and only reads after the process exited.
    public let process: Process
    private let stdoutData: PipeDrain
    private let stderrData: PipeDrain

    init(process: Process, stdout: Pipe, stderr: Pipe) {
        self.process = process
        self.stdoutData = PipeDrain(stdout.fileHandleForReading)
        self.stderrData = PipeDrain(stderr.fileHandleForReading)
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Stdout printed so far.
    public var stdoutSoFar: String { stdoutData.text }
    /// Stderr printed so far.
    public var stderrSoFar: String { stderrData.text }

    public func waitForOutcome() -> BuiltBinary.Outcome {
        process.waitUntilExit()
        return BuiltBinary.Outcome(
            pid: process.processIdentifier, exitCode: process.terminationStatus, stdout: stdoutData.finish(),
            stderr: stderrData.finish())
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeDrain: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                data.append(chunk)
                lock.unlock()
            }
            done.signal()
        }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func finish() -> String {
        done.wait()
        return text
    }
}

/// A process that has run and been reaped: its pid names no live process (until the kernel reuses it).
public enum EndedProcess {
    public static func pid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
