import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a command named on the command line lives: a path, or a name looked up on PATH.
enum ExecutableLookup {
    /// The executable regular file `command` names, or nil.
    static func find(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        guard !command.isEmpty else { return nil }
        if command.contains("/") { return isExecutableFile(command) ? command : nil }
        let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return folders.lazy.map { "\($0.isEmpty ? "." : $0)/\(command)" }.first(where: isExecutableFile)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
