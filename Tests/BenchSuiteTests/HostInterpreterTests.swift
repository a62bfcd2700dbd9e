import BenchSuite
import Foundation
import TestSupport
import Testing

/// The host side of the overhead comparison survives interpreters that misbehave.
@Suite struct HostInterpreterTests {
    /// Runs `source` in a fresh host interpreter.
    static func run(_ source: String) async throws -> InterpreterRun {
        let interpreter = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        let directory = try TemporaryDirectory(prefix: "sandbox-bench-interpreter")
        defer { directory.remove() }
        let file = directory.file("code.py")
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        return try await interpreter.run(file: file)
    }

    @Test func anInterpreterKilledByASignalEndsWithAShellsStatusAndSaysSo() async throws {
        let result = try await Self.run(
            "import os, signal\nprint('before', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n")
        #expect(result.exitCode == 128 + 9)
        #expect(result.signal == 9)
        #expect(result.stdout == "before\n")
        #expect(!result.exceededOutputLimit)
        #expect(result.ending == "was killed by signal 9 (status 137)")
    }

    @Test func aRunawayOutputIsCutAtTheLimitAndItsProcessKilled() async throws {
        let result = try await Self.run("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)\n")
        #expect(result.exceededOutputLimit)
        #expect(result.stdout.utf8.count == InterpreterRun.outputLimit)
        #expect(result.signal == 9)
        #expect(result.ending.contains("after printing more than \(InterpreterRun.outputLimit) bytes"))
    }

    /// A hung interpreter (and what it started, which holds its output open) is killed at its
    /// time limit, and says so; resolving one that hangs fails instead of waiting forever.
    @Test func aHungInterpreterIsKilledAtItsTimeLimit() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-bench-interpreter")
        defer { directory.remove() }
        let hung = directory.file("hung-python")
        try "#!/bin/sh\nsleep 600 &\nsleep 600\n".write(toFile: hung, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hung)
        await #expect(throws: HostInterpreterError.self) {
            try await HostInterpreter.resolve(hung, timeout: .seconds(1))
        }

        // Resolved with room to spare on a loaded machine; only the hung run has the short limit.
        let resolved = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        // The limit leaves a loaded machine time to start Python and print before it is killed.
        let python = HostInterpreter(executable: resolved.executable, version: resolved.version, timeout: .seconds(10))
        let file = directory.file("hang.py")
        try
            "import subprocess, time\nsubprocess.Popen(['sleep', '600'])\nprint('started', flush=True)\ntime.sleep(600)\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await python.run(file: file)
        #expect(result.timedOut)
        #expect(result.signal == 9)
        #expect(result.stdout == "started\n")
        #expect(result.ending == "was killed by signal 9 after running past its time limit (status 137)")
    }

    @Test func aNonZeroExitIsReportedAsItsStatus() async throws {
        let result = try await Self.run("import sys\nsys.stderr.write('no\\n')\nsys.exit(3)\n")
        #expect(result.exitCode == 3)
        #expect(result.signal == nil)
        #expect(result.stderr == "no\n")
        #expect(result.ending == "exited with status 3")
        #expect(result.seconds > 0)
    }

    @Test func aCommandIsAPathWithASlashAndANameOnThePathWithout() async throws {
        let byName = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        let byPath = try await HostInterpreter.resolve(byName.executable, timeout: .seconds(60))
        #expect(byPath.executable == byName.executable)
        await #expect(throws: HostInterpreterError.self) {
            try await HostInterpreter.resolve("sandbox-bench-no-such-python", timeout: .seconds(60))
        }
        await #expect(throws: HostInterpreterError.self) {
            try await HostInterpreter.resolve("./sandbox-bench-no-such-python", timeout: .seconds(60))
        }
    }
}
