import EngineInterface

/// What runs in an in-memory container or exec: the test's stand-in for the process the image
/// would start. It sees the command and the code, and says how the process ends.
package typealias ContainerProgram = @Sendable (ProgramRun) -> ProgramOutcome

/// One start of a program: a container's command at its start, or an exec's.
package struct ProgramRun: Sendable {
    /// The command: the container's (`python3 /sandbox/main.py`) or the exec's (`python3 -c …`).
    package var command: [String]
    /// The code the command runs: the uploaded file it names, or its `-c` argument; nil for a
    /// command that runs no code (`sleep infinity`), or names a file that was never uploaded.
    package var code: String?
    /// The container it runs in.
    package var container: ContainerFacts
    /// True for an exec in a running container, false for the container's own command.
    package var isExec: Bool
}

/// How a program ends.
package enum ProgramOutcome: Sendable {
    /// It exits with `status` after printing `stdout` and `stderr`; `oomKilled` when the kernel's
    /// OOM killer ended it (the engine then reports status 137 and says so when inspected).
    case exits(status: Int, stdout: String = "", stderr: String = "", oomKilled: Bool = false)
    /// It prints `stdout` and runs until it is killed (or its container removed): an idle
    /// container, an endless loop.
    case runsUntilKilled(stdout: String = "")
    /// The runtime cannot start it (no such executable): the start is refused with this message.
    case cannotStart(String)

    /// Exits 0 after printing `stdout`.
    package static func prints(_ stdout: String) -> ProgramOutcome { .exits(status: 0, stdout: stdout) }
}

/// What a test knows of a container: how it was created and which create made it.
package struct ContainerFacts: Sendable {
    /// Nil for a container whose create is still being answered.
    package var id: String?
    package var name: String?
    package var request: ContainerCreateRequest
    /// Which create of the engine's made it, from 1 (counted when the create arrives).
    package var ordinal: Int

    /// The value of one of its labels.
    package func label(_ key: String) -> String? { request.labels[key] }
}
