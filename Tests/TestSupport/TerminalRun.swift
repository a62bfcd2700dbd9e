import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ExecutableFile {
    /// What a process wrote to its terminal, and how it ended.
    package struct TerminalOutcome: Sendable {
        package let ending: Ending
        /// Everything written to stderr, which was the terminal, as bytes become text.
        package let terminal: String
    }

    /// Runs it with stderr on a new pseudo-terminal (so that `isatty(2)` holds, as in an
    /// interactive shell), stdin and stdout on /dev/null, and collects what it wrote there.
    /// `environment` is added to this process's own; a nil value removes the variable (`TERM`).
    package func runOnTerminal(_ arguments: [String], environment: [String: String?]) async throws -> TerminalOutcome {
        let master = PseudoTerminal.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw SpawnError(call: "posix_openpt", code: errno) }
        defer { close(master) }
        guard PseudoTerminal.unlock(master) == 0 else { throw SpawnError(call: "unlockpt", code: errno) }
        var name = [CChar](repeating: 0, count: 128)
        let named = PseudoTerminal.name(master, &name, name.count)
        guard named == 0 else { throw SpawnError(call: "ptsname_r", code: named) }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let terminal = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else { throw SpawnError(call: "open", code: errno) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let pid: pid_t
        do {
            pid = try spawn(arguments, environment: environment) { actions in
                posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, terminal, STDERR_FILENO)
            }
        } catch {
            close(terminal)
            throw error
        }
        close(terminal)
        var written: [UInt8] = []
        // Read as it comes, so that the process never waits on a full terminal buffer.
        let ending = try await Self.wait(for: pid) {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { return }
                written += buffer[0..<count]
            }
        }
        return TerminalOutcome(ending: ending, terminal: String(decoding: written, as: UTF8.self))
    }
}

/// The C library's pseudo-terminal calls, which the Glibc module does not export (they are
/// X/Open extensions), looked up by name.
enum PseudoTerminal {
    private static func function<T>(_ name: String, as type: T.Type) -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("the C library has no \(name)")
        }
        return unsafeBitCast(symbol, to: type)
    }

    static let openMaster = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlock = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let name = function(
        "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
}
