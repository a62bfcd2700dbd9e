import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Checks, before anything is measured, that the files the gate writes for CI (`--junit`,
/// `--markdown`, `$GITHUB_STEP_SUMMARY`) can be written: a run that measured for minutes must not
/// end in a file error, and a regression's exit 1 must never become something else.
enum GateOutputCheck {
    /// Throws ``OutputFileError`` (exit 3) for the first path that cannot be written.
    static func check(junit: String?, markdown: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let junit { try replaceable(junit, option: "--junit") }
        if let markdown { try replaceable(markdown, option: "--markdown") }
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty { try appendable(summary, option: "GITHUB_STEP_SUMMARY") }
    }

    /// A file written atomically (beside it, then renamed): not a folder, in a folder this user may write.
    static func replaceable(_ path: String, option: String) throws {
        func refuse(_ reason: String) -> OutputFileError { OutputFileError(option: option, path: path, reason: reason) }
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("the path is empty") }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw refuse("it is a directory")
            default: throw refuse("it is not a regular file")
            }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
            throw refuse("its folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else { throw refuse("this user may not write into \(folder)") }
    }

    /// A file appended to: an existing regular file this user may write, or one it may create.
    static func appendable(_ path: String, option: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return try replaceable(path, option: option) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw OutputFileError(option: option, path: path, reason: "it is not a regular file")
        }
        guard access(path, W_OK) == 0 else { throw OutputFileError(option: option, path: path, reason: "this user may not write it") }
    }
}
