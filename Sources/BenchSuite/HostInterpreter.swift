import BenchModel
import Foundation

/// The direct baseline: a fresh interpreter process on the host, per sample.
///
/// The executable is resolved once to the real binary, because a launcher on PATH (pyenv's shim
/// is a shell script that starts several processes) would add its own ~200 ms to every sample.
package struct HostInterpreter: Sendable {
    package let executable: String
    package let version: String
    /// How long one interpreter process may run: the sandbox's own time limit.
    package let timeout: Duration
    /// Starts one process of the interpreter: a real one (``InterpreterRun/spawn``), or one a test scripts.
    let launch: InterpreterRun.Launch

    /// An interpreter already resolved (see ``resolve(_:timeout:)``).
    package init(
        executable: String, version: String, timeout: Duration,
        launch: @escaping InterpreterRun.Launch = InterpreterRun.spawn
    ) {
        self.executable = executable
        self.version = version
        self.timeout = timeout
        self.launch = launch
    }

    /// Resolves `command` (a name on PATH or a path) to the interpreter's own executable; every
    /// process it starts, this one included, is killed after `timeout`.
    package static func resolve(_ command: String = "python3", timeout: Duration) async throws -> HostInterpreter {
        let probe: InterpreterRun
        do {
            probe = try await InterpreterRun(
                running: command,
                arguments: ["-c", "import sys, platform; print(sys.executable); print(platform.python_version())"],
                timeout: timeout)
        } catch {
            throw HostInterpreterError.unusable(command: command, detail: "\(error)")
        }
        let lines = probe.stdout.split(separator: "\n").map(String.init)
        guard probe.exitCode == 0, lines.count >= 2, FileManager.default.isExecutableFile(atPath: lines[0]) else {
            let detail = probe.exitCode == 0 ? probe.stdout : "it \(probe.ending): \(probe.stderr)"
            throw HostInterpreterError.unusable(command: command, detail: detail)
        }
        return HostInterpreter(executable: lines[0], version: lines[1], timeout: timeout)
    }

    /// Whether `module` imports on the host; the reason when it does not.
    package func missingModuleReason(_ module: String) async -> String? {
        guard let result = try? await launch(executable, ["-c", "import \(module)"], timeout) else {
            return "\(executable) could not be started"
        }
        guard result.exitCode != 0 else { return nil }
        let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? "it \(result.ending)"
        return "the host interpreter \(executable) (Python \(version)) cannot import \(module): \(lastLine)"
    }

    /// Runs the file at `path` in a new interpreter process; the seconds span spawn to exit.
    package func run(file path: String) async throws -> InterpreterRun {
        try await launch(executable, [path], timeout)
    }
}

package enum HostInterpreterError: Error, CustomStringConvertible {
    case unusable(command: String, detail: String)

    package var description: String {
        switch self {
        case .unusable(let command, let detail):
            return
                "The host interpreter \(command) could not be resolved to an executable (\(detail.prefix(200))), "
                + "so the direct baselines are not measurable."
        }
    }
}
