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
    /// How a process with broken streams ended; it printed nothing anyone could read.
    package struct Ending: Sendable, Equatable {
        package let pid: Int32
        /// Its exit status; nil when a signal ended it.
        package let exitCode: Int32?
        /// The signal that ended it; nil when it exited.
        package let signal: Int32?
    }

    /// Runs it with `arguments` and `streams` as its stdout and stderr, and waits for it to end
    /// (polling, so that no thread of the test's pool is blocked while it runs). Spawned with every
    /// signal at its default disposition and none blocked, whatever the test process ignores: the
    /// executable must protect itself against SIGPIPE. `environment` is added to this process's own;
    /// the working directory is this process's (give the executable absolute paths).
    package func run(_ arguments: [String], streams: BrokenStreams, environment: [String: String] = [:]) async throws
        -> Ending
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        var writeEnd: Int32 = -1
        defer { if writeEnd >= 0 { close(writeEnd) } }
        switch streams {
        case .closed:
            posix_spawn_file_actions_addclose(&actions, STDOUT_FILENO)
            posix_spawn_file_actions_addclose(&actions, STDERR_FILENO)
        case .full:
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/full", O_WRONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        case .closedPipe:
            writeEnd = try Self.pipeWithoutReader()
            posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
            posix_spawn_file_actions_adddup2(&actions, writeEnd, STDERR_FILENO)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnError(call: "posix_spawn", code: status) }
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

    /// Waits for `pid` to end without blocking a thread; when the test is cancelled, sends
    /// SIGTERM (as a user would: sandbox-bench then removes its containers), SIGKILL after `stopGrace`.
    private static func wait(for pid: pid_t) async throws -> Ending {
        var stopAt: ContinuousClock.Instant?
        var killed = false
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7F
                return signal == 0
                    ? Ending(pid: pid, exitCode: (status >> 8) & 0xFF, signal: nil)
                    : Ending(pid: pid, exitCode: nil, signal: signal)
            }
            guard reaped == 0 else { throw SpawnError(call: "waitpid", code: errno) }
            if Task.isCancelled, stopAt == nil {
                kill(pid, SIGTERM)
                stopAt = .now + stopGrace
            }
            if let stopAt, !killed, ContinuousClock.now >= stopAt {
                kill(pid, SIGKILL)
                killed = true
            }
            // Cancelled, the sleep would end at once: the wait goes on in small steps all the same.
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }
}
