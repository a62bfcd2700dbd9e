import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file in one step: the new content goes to a temporary file in the same folder
/// (same file system, so the rename is atomic), is synced to disk, and is renamed over the
/// target. A reader — a browser, node_exporter's textfile collector — sees the old file or
/// the new one, never half of one. The temporary name starts with a dot and ends in
/// `.tmp-XXXXXX`, so the collector, which reads only `*.prom`, never picks it up.
package enum AtomicFile {
    /// `durable: false` skips the syncs: the history site writes thousands of pages it can
    /// regenerate, and a sync each would take longer than rendering them; readers still never
    /// see half a page. `createFolder` creates the file's missing folders first, for a file a
    /// user named (`--metrics-file`, `--junit`), as `--out` creates its folder.
    /// `permissions` nil gives the file the user's umask, as any program's new file gets (a
    /// baseline export or a JUnit file the user named); reports are 0644 for the web server.
    package static func write(
        _ text: String, to path: String, permissions: mode_t? = 0o644, durable: Bool = true, createFolder: Bool = false
    ) throws(ReportWriteError) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        if createFolder { try createDirectory(directory) }
        let (descriptor, temporary) = try createTemporary(beside: target, in: directory, path: path)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
        } catch {
            close(descriptor)
            throw .cannotWrite(path: path, reason: Self.lastError())
        }
        guard permissions.map({ fchmod(descriptor, $0) }) ?? 0 == 0, !durable || fsync(descriptor) == 0 else {
            let reason = Self.lastError()
            close(descriptor)
            throw .cannotWrite(path: path, reason: reason)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw .cannotWrite(path: path, reason: Self.lastError()) }
        renamed = true
        guard durable else { return }
        // The rename itself is durable once the folder's entry is on disk.
        let folder = open(directory, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// A new file beside the target, named `.NAME.tmp-XXXXXX`, created with mode 0666 less the
    /// umask (mkstemp would make it 0600, and only a chmod could widen it, which would ignore the umask).
    private static func createTemporary(beside target: URL, in directory: String, path: String) throws(ReportWriteError)
        -> (Int32, String)
    {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<100 {
            let suffix = String((0..<6).map { _ in letters.randomElement()! })
            let temporary = directory + "/." + target.lastPathComponent + ".tmp-" + suffix
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            guard errno == EEXIST else { throw .cannotWrite(path: path, reason: lastError()) }
        }
        throw .cannotWrite(path: path, reason: "no free temporary name beside it")
    }

    /// Creates `path` and its parents when missing.
    package static func createDirectory(_ path: String) throws(ReportWriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: "the folder cannot be created (\(FileSystemError.reason(error)))")
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// A report or metrics file that could not be written: an environment problem (exit 3). Neutral
/// sentences; the command line says which option to change.
package enum ReportWriteError: CategorizedError, Equatable {
    case cannotWrite(path: String, reason: String)
    case notADirectory(path: String)

    package var kind: FailureKind { .environment }

    package var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "Cannot write \(path): \(reason)."
        case .notADirectory(let path):
            return "\(path) is a file, not a folder."
        }
    }

    /// Why, without the path: for a sentence that names the file its own way.
    package var reason: String {
        switch self {
        case .cannotWrite(_, let reason): return reason
        case .notADirectory(let path): return "\(TerminalSafe.inline(path)) is a file, not a folder"
        }
    }
}
