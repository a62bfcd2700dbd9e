import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// An executable the tests run as a separate process, as a user would: one the package built
/// (`sandbox-bench`, `store-benchmark`), or a system tool.
package struct ExecutableFile: Sendable {
    /// What a process did, collected after it ended.
    package struct Outcome: Sendable {
        /// The process that ran: sandbox containers carry it in their labels.
        package let pid: Int32
        /// Its exit status; nil when a signal ended it.
        package let exitCode: Int32?
        /// The signal that ended it; nil when it exited.
        package let signal: Int32?
        package let stdout: String
        package let stderr: String
    }

    package let path: String

    /// How long a process that a failed test asked to stop has to exit before it is killed.
    static let stopGrace: Duration = .seconds(30)

    package init(path: String) {
        self.path = path
    }

    /// The executable `name` next to the test bundle in the build folder (`.build/debug/sandbox-bench`).
    /// A test target that depends on the executable's target makes SwiftPM build it first.
    package static func locate(_ name: String = "sandbox-bench") throws -> ExecutableFile {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExecutableFile(path: candidate.path)
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

    /// The variables every run of a built executable gets unless the test sets them itself:
    /// `SANDBOX_BENCH_IGNORE_HOST_LOAD=1`, for the other tests running at the same time are foreign
    /// load that would make a run wait for a quiet host and withhold the alerts a test expects
    /// (the host-load tests set it to 0).
    package static let testDefaults = ["SANDBOX_BENCH_IGNORE_HOST_LOAD": "1"]

    static func withTestDefaults(_ environment: [String: String]) -> [String: String] {
        environment.merging(testDefaults) { given, _ in given }
    }

    /// Runs it with `arguments` and waits for it to end. `environment` is added to this process's
    /// own; `directory` is its working directory (reports land in `Reports/` there).
    @discardableResult
    package func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws
        -> Outcome
    {
        try await run(arguments, environment: environment, in: directory) { _ in }.outcome
    }

    /// Starts it and runs `body` while it runs: the body watches its output and may signal it.
    /// When the body returns, waits for the process to end and collects its outcome.
    ///
    /// When the body throws, or the test is cancelled, the process gets SIGTERM, as from a user, so
    /// that `sandbox-bench` removes its containers before it exits; SIGKILL follows if it has not
    /// exited after `stopGrace`. No test leaves a process behind.
    ///
    /// With `ownProcessGroup`, it runs in a process group of its own, as a shell's job: a test that
    /// stops it (SIGSTOP) needs that, for a stopped process in an orphaned process group (the test
    /// process's own, when whatever started the tests has gone) is hung up (SIGHUP) by the kernel
    /// as soon as another process of that group ends.
    package func run<Result: Sendable>(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
        ownProcessGroup: Bool = false, body: (RunningProcess) async throws -> Result
    ) async throws -> (outcome: Outcome, result: Result) {
        let overrides = Dictionary(
            uniqueKeysWithValues: Self.withTestDefaults(environment).map {
                (Environment.Key(stringLiteral: $0.key), Optional($0.value))
            })
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: Self.stopGrace)]
        if ownProcessGroup { options.processGroupID = 0 }
        let execution = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), environment: .inherit.updating(overrides),
            workingDirectory: directory.map { FilePath($0.path) }, platformOptions: options, input: .none,
            output: .sequence,
            error: .sequence
        ) { execution in
            let process = RunningProcess(pid: execution.processIdentifier.value) { signal in
                try execution.send(signal: Signal(rawValue: signal))
            }
            return try await withThrowingTaskGroup(of: Void.self, returning: (RunningProcess, Result).self) { group in
                // Both streams are read to their end whatever the body does, so that a chatty process never blocks on a full pipe.
                group.addTask { try await process.read(execution.standardOutput, as: .stdout) }
                group.addTask { try await process.read(execution.standardError, as: .stderr) }
                // A throw leaves the group, which cancels both reads, and then `run` stops the process.
                let result = try await body(process)
                try await group.waitForAll()
                return (process, result)
            }
        }
        let (process, result) = execution.closureResult
        let exitCode: Int32?
        let signal: Int32?
        switch execution.terminationStatus {
        case .exited(let code):
            (exitCode, signal) = (code, nil)
        case .signaled(let number):
            (exitCode, signal) = (nil, number)
        }
        let outcome = Outcome(
            pid: execution.processIdentifier.value, exitCode: exitCode, signal: signal, stdout: process.stdout,
            stderr: process.stderr)
        return (outcome, result)
    }
}

/// A process that has run and been reaped: its pid names no live process (until the kernel reuses it).
package enum EndedProcess {
    package static func pid() async throws -> Int32 {
        try await ExecutableFile(path: "/bin/true").run([]).pid
    }
}
