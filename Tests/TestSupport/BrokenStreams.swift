import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output and error that cannot take what a process writes, as a user's shell makes them:
/// closed (`>&- 2>&-`), a full device (`>/dev/full 2>&1`), or a pipe whose reader has gone
/// (`| head -1`, after `head` exited). Standard input is /dev/null in each.
package enum BrokenStreams: String, Sendable, CaseIterable, CustomStringConvertible {
    case closed
    case full
    case closedPipe

    package var description: String {
        switch self {
        case .closed: "stdout and stderr closed"
        case .full: "stdout and stderr on /dev/full"
        case .closedPipe: "stdout and stderr a pipe whose reader has gone"
        }
    }
}

extension ExecutableFile {
    /// Runs it with `arguments` and `streams` as its stdout and stderr, and waits for it to end (see
    /// ``spawn(_:environment:files:)``: every signal at its default, so that the executable must
    /// protect itself against SIGPIPE). `environment` is added to this process's own; the working
    /// directory is this process's (give the executable absolute paths).
    package func run(_ arguments: [String], streams: BrokenStreams, environment: [String: String] = [:]) async throws
        -> Ending
    {
        var writeEnd: Int32 = -1
        defer { if writeEnd >= 0 { close(writeEnd) } }
        if streams == .closedPipe { writeEnd = try Self.pipeWithoutReader() }
        let pid = try spawn(arguments, environment: environment) { actions in
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
            switch streams {
            case .closed:
                posix_spawn_file_actions_addclose(&actions, STDOUT_FILENO)
                posix_spawn_file_actions_addclose(&actions, STDERR_FILENO)
            case .full:
                posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/full", O_WRONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
            case .closedPipe:
                posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
                posix_spawn_file_actions_adddup2(&actions, writeEnd, STDERR_FILENO)
            }
        }
        return try await Self.wait(for: pid)
    }

    /// The write end of a pipe whose reader has gone. A FIFO, so that both ends are opened
    /// close-on-exec at once: a process another test spawns meanwhile must not inherit the read end
    /// and keep the pipe open (Swift has no `pipe2`).
    private static func pipeWithoutReader() throws -> Int32 {
        let folder = try TemporaryDirectory(prefix: "sandbox-bench-pipe")
        defer { folder.remove() }
        let path = folder.file("pipe")
        guard mkfifo(path, 0o600) == 0 else { throw SpawnError(call: "mkfifo", code: errno) }
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard reader >= 0 else { throw SpawnError(call: "open", code: errno) }
        let writer = open(path, O_WRONLY | O_CLOEXEC)
        close(reader)
        guard writer >= 0 else { throw SpawnError(call: "open", code: errno) }
        return writer
    }
}
