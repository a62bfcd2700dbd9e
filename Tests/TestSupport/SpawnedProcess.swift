import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Processes started with POSIX spawn, for what swift-subprocess cannot set up: a closed stdout,
/// a pseudo-terminal as stderr.
extension ExecutableFile {
    /// How such a process ended.
    package struct Ending: Sendable, Equatable {
        package let pid: Int32
        /// Its exit status; nil when a signal ended it.
        package let exitCode: Int32?
        /// The signal that ended it; nil when it exited.
        package let signal: Int32?
    }

    /// Starts it with `arguments` and the descriptors `files` sets up. Every signal is at its
    /// default disposition and none is blocked in the child, whatever the test process ignores.
    /// `environment` is added to this process's own; a nil value removes the variable.
    func spawn(
        _ arguments: [String], environment: [String: String?],
        files: (inout posix_spawn_file_actions_t) -> Void
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
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

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in ExecutableFile.testDefaults where environment[key] == nil { merged[key] = value }
        for (key, value) in environment { merged[key] = value }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnError(call: "posix_spawn", code: status) }
        return pid
    }

    func spawn(
        _ arguments: [String], environment: [String: String], files: (inout posix_spawn_file_actions_t) -> Void
    ) throws -> pid_t {
        try spawn(arguments, environment: environment.mapValues { Optional($0) }, files: files)
    }

    /// Waits for `pid` to end without blocking a thread, calling `tick` between checks and once
    /// after the end; when the test is cancelled, sends SIGTERM (as a user would: sandbox-bench
    /// then removes its containers), SIGKILL after `stopGrace`.
    static func wait(for pid: pid_t, tick: () -> Void = {}) async throws -> Ending {
        var stopAt: ContinuousClock.Instant?
        var killed = false
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            tick()
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
