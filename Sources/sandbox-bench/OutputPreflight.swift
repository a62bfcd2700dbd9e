import ArgumentParser
import BenchModel
import Foundation
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

/// Checks, before anything is measured or stored, that every place a command writes when it
/// ends can be written: a run that measured for minutes must not end in a file error, and a
/// regression's exit 1 must never become something else. The one place that decides what
/// "can be written" means for the tool's output files and folders; each refusal names the option.
enum OutputPreflight {
    /// A path option that names nothing is a usage error, not a place that cannot be written.
    static func requirePath(_ path: String?, option: String) throws {
        guard let path, path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        throw ValidationError("\(option) needs a path, not an empty string.")
    }

    /// A folder of reports (`--out`): an existing folder this user may write into, or one that
    /// can be created with its parents.
    static func checkFolder(_ path: String, option: String) throws(OutputFileError) {
        switch kind(of: path) {
        case .directory:
            guard access(path, W_OK | X_OK) == 0 else { throw OutputFileError(option: option, path: path, reason: "this user may not write into it") }
        case .missing:
            try checkCreatable(path, option: option)
        case .regularFile, .other:
            throw OutputFileError(option: option, path: path, reason: "it is a file, not a folder")
        }
    }

    /// A file replaced atomically (written beside it, then renamed; missing folders above it are
    /// created, see ``OutputFile/write(_:to:option:)``): a regular file or nothing yet.
    static func checkFile(_ path: String, option: String) throws(OutputFileError) {
        guard !path.hasSuffix("/") else { throw OutputFileError(option: option, path: path, reason: "it ends in /, which names a folder; give a file path") }
        switch kind(of: path) {
        case .directory:
            throw OutputFileError(option: option, path: path, reason: "it is a directory; give a file path")
        case .other:
            throw OutputFileError(option: option, path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        case .regularFile, .missing:
            try checkCreatable(path, option: option)
        }
    }

    /// A file appended to (`GITHUB_STEP_SUMMARY`): an existing regular file this user may write,
    /// or one that can be created.
    static func checkAppendable(_ path: String, option: String) throws(OutputFileError) {
        guard kind(of: path) == .regularFile else { return try checkFile(path, option: option) }
        guard access(path, W_OK) == 0 else { throw OutputFileError(option: option, path: path, reason: "this user may not write it") }
    }

    /// The gate's files for CI (`--junit`, `--markdown`, `$GITHUB_STEP_SUMMARY`).
    static func checkGateOutputs(
        junit: String?, markdown: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(OutputFileError) {
        if let junit { try checkFile(junit, option: "--junit") }
        if let markdown { try checkFile(markdown, option: "--markdown") }
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty { try checkAppendable(summary, option: "GITHUB_STEP_SUMMARY") }
    }

    private enum Kind {
        case missing, directory, regularFile, other
    }

    private static func kind(of path: String) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// The nearest existing folder above `path` must let this user create entries in it.
    private static func checkCreatable(_ path: String, option: String) throws(OutputFileError) {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw OutputFileError(option: option, path: path, reason: "the path is empty") }
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        while kind(of: parent.path) == .missing, parent.path != "/" {
            parent.deleteLastPathComponent()
        }
        guard kind(of: parent.path) == .directory else {
            throw OutputFileError(option: option, path: path, reason: "\(TerminalSafe.inline(parent.path)) is not a folder")
        }
        guard access(parent.path, W_OK | X_OK) == 0 else {
            throw OutputFileError(option: option, path: path, reason: "this user may not write into \(TerminalSafe.inline(parent.path))")
        }
    }
}

/// A file or folder a command was asked to write that cannot be written: an environment
/// problem (exit 3), named by its option.
struct OutputFileError: CategorizedError {
    let option: String
    let path: String
    let reason: String
    var kind: FailureKind { .environment }
    var description: String { "\(option): \(TerminalSafe.inline(path)) cannot be written (\(reason)); give a writable path." }
}

/// The files a command writes for CI systems and for people (`--junit`, `--markdown`, `-o`):
/// replaced atomically, their missing folders created first, as `--out` creates its folder.
/// Failures are ``OutputFileError``s with the option.
enum OutputFile {
    static func write(_ text: String, to path: String, option: String) throws(OutputFileError) {
        do {
            try AtomicFile.write(text, to: path, permissions: nil, createFolder: true)
        } catch {
            throw OutputFileError(option: option, path: path, reason: error.reason)
        }
    }

    static func append(_ text: String, to path: String, option: String) throws(OutputFileError) {
        do {
            try AtomicFile.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        } catch {
            throw OutputFileError(option: option, path: path, reason: error.reason)
        }
        guard let handle = FileHandle(forWritingAtPath: path) ?? createThenOpen(path) else {
            throw OutputFileError(option: option, path: path, reason: "it cannot be opened for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw OutputFileError(option: option, path: path, reason: FileSystemError.reason(error))
        }
    }

    private static func createThenOpen(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }
}
