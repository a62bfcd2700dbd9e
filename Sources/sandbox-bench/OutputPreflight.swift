import ArgumentParser
import BenchModel
import BenchWorkflow
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
        guard !FileIdentity.leadsIntoDevicesOrProcesses(path + "/report") else {
            throw OutputFileError(
                option: option, path: path, reason: "it is in /dev or /proc, where reports cannot be kept")
        }
        switch kind(of: path) {
        case .directory:
            guard access(path, W_OK | X_OK) == 0 else {
                throw OutputFileError(option: option, path: path, reason: "this user may not write into it")
            }
        case .missing:
            try checkCreatable(path, option: option)
        case .regularFile, .other:
            throw OutputFileError(option: option, path: path, reason: "it is a file, not a folder")
        }
    }

    /// A file replaced atomically (written beside it, then renamed; missing folders above it are
    /// created, see ``OutputFile/write(_:to:option:)``): a regular file or nothing yet.
    static func checkFile(_ path: String, option: String) throws(OutputFileError) {
        guard !path.hasSuffix("/") else {
            throw OutputFileError(
                option: option, path: path, reason: "it ends in /, which names a folder; give a file path")
        }
        // /dev/stdout is a link into /proc: replacing it would replace the link, for everyone.
        guard !FileIdentity.leadsIntoDevicesOrProcesses(path) else {
            throw OutputFileError(
                option: option, path: path,
                reason: "it is a device or a process's descriptor in /dev or /proc, not a file")
        }
        switch kind(of: path) {
        case .directory:
            throw OutputFileError(option: option, path: path, reason: "it is a directory; give a file path")
        case .other:
            throw OutputFileError(
                option: option, path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        case .regularFile, .missing:
            try checkCreatable(path, option: option)
        }
    }

    /// A file appended to (`GITHUB_STEP_SUMMARY`): an existing regular file this user may write,
    /// or one that can be created.
    static func checkAppendable(_ path: String, option: String) throws(OutputFileError) {
        guard kind(of: path) == .regularFile, !FileIdentity.leadsIntoDevicesOrProcesses(path) else {
            return try checkFile(path, option: option)
        }
        guard access(path, W_OK) == 0 else {
            throw OutputFileError(option: option, path: path, reason: "this user may not write it")
        }
    }

    /// `$GITHUB_STEP_SUMMARY` when set.
    static func stepSummary(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        environment["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every file and folder a command writes, and every file it must leave as it is (the
    /// results database, the files it reads), checked before anything runs: against each other
    /// — `--junit results.sqlite` would replace a whole history with a page of XML, and two
    /// options naming one file would keep only the last; a collision is a usage error (exit 2) —
    /// then each on its own (``checkFile(_:option:)``, ``checkFolder(_:option:)``, exit 3).
    struct Plan {
        private var files: [(option: String, path: String, appends: Bool)] = []
        private var folders: [(option: String, path: String, writes: (String) -> Bool)] = []
        private var kept: [(what: String, path: String)] = []
        private var lock: String?

        /// A file the command replaces, or with `appends`, appends to.
        mutating func writes(file path: String?, option: String, appends: Bool = false) {
            if let path { files.append((option, path, appends)) }
        }

        /// A folder the command writes files into; `writes` tells the names it writes there.
        mutating func writes(folder path: String?, option: String, naming writes: @escaping (String) -> Bool) {
            if let path { folders.append((option, path, writes)) }
        }

        /// A file the command reads or keeps, and must not replace.
        mutating func keeps(_ path: String?, as what: String) {
            if let path { kept.append((what, path)) }
        }

        /// The host-wide run lock the command takes: a file of its own, never one the command
        /// reads or writes (the lock never writes, but a lock on the database is a mistake to say).
        mutating func locks(_ path: String) {
            lock = path
        }

        /// The results database with the files SQLite keeps beside it; nothing for PostgreSQL.
        mutating func keeps(database: StoreLocation) {
            guard case .sqlite(let path) = database else { return }
            kept.append(("the results database", path))
            for suffix in ["-wal", "-shm", "-journal"] {
                kept.append(("a file of the results database", path + suffix))
            }
        }

        /// The gate's files: `--junit`, `--markdown`, `$GITHUB_STEP_SUMMARY` (unless it is the
        /// `--markdown` file, which is then appended to, once), and the baseline file it reads.
        mutating func gateFiles(junit: String?, markdown: String?, baselineFile: String? = nil) {
            writes(file: junit, option: "--junit")
            writes(file: markdown, option: "--markdown")
            if let summary = stepSummary(), !(markdown.map { sameFile($0, summary) } ?? false) {
                writes(file: summary, option: "GITHUB_STEP_SUMMARY", appends: true)
            }
            keeps(baselineFile, as: "the --baseline-file it compares with")
        }

        func check() throws {
            try checkLock()
            for (index, file) in files.enumerated() {
                for other in files[..<index] where sameFile(file.path, other.path) {
                    throw ValidationError(
                        "\(other.option) and \(file.option) both name \(TerminalSafe.inline(file.path)); give each its own file."
                    )
                }
                for keep in kept where sameFile(file.path, keep.path) {
                    throw ValidationError(
                        "\(file.option) \(TerminalSafe.inline(file.path)) is \(keep.what): writing there would replace it; give \(file.option) another path."
                    )
                }
                for folder in folders where FileIdentity.isWritten(file.path, by: folder.path, naming: folder.writes) {
                    throw ValidationError(
                        "\(file.option) \(TerminalSafe.inline(file.path)) is a file that \(folder.option) \(TerminalSafe.inline(folder.path)) writes; give \(file.option) another path."
                    )
                }
            }
            for folder in folders {
                for keep in kept where FileIdentity.isWritten(keep.path, by: folder.path, naming: folder.writes) {
                    throw ValidationError(
                        "\(folder.option) \(TerminalSafe.inline(folder.path)) would write over \(keep.what) (\(TerminalSafe.inline(keep.path))); give \(folder.option) another folder."
                    )
                }
            }
            for folder in folders { try checkFolder(folder.path, option: folder.option) }
            for file in files {
                if file.appends {
                    try checkAppendable(file.path, option: file.option)
                } else {
                    try checkFile(file.path, option: file.option)
                }
            }
        }

        /// The lock path must name none of the command's other files.
        private func checkLock() throws {
            guard let lock else { return }
            let named = "The run lock \(TerminalSafe.inline(lock))"
            let advice = "point SANDBOX_BENCH_LOCK at a file of its own, such as /run/lock/sandbox-bench.lock."
            for keep in kept where sameFile(lock, keep.path) {
                throw ValidationError("\(named) is \(keep.what); \(advice)")
            }
            for file in files where sameFile(lock, file.path) {
                throw ValidationError("\(named) is the file \(file.option) writes; \(advice)")
            }
            for folder in folders where FileIdentity.isWritten(lock, by: folder.path, naming: folder.writes) {
                throw ValidationError(
                    "\(named) is a file that \(folder.option) \(TerminalSafe.inline(folder.path)) writes; \(advice)")
            }
        }
    }

    /// True when `a` and `b` name the same file: the same directory entry (folders resolved),
    /// through a symbolic link the same file, or, for files that exist, the same device and inode —
    /// a hard link is a second name, and appending to it writes into the file the other name reads.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        !FileIdentity.names(a).isDisjoint(with: FileIdentity.names(b)) || FileIdentity.sameInode(a, b)
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
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputFileError(option: option, path: path, reason: "the path is empty")
        }
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        while kind(of: parent.path) == .missing, parent.path != "/" {
            parent.deleteLastPathComponent()
        }
        guard kind(of: parent.path) == .directory else {
            throw OutputFileError(
                option: option, path: path, reason: "\(TerminalSafe.inline(parent.path)) is not a folder")
        }
        guard access(parent.path, W_OK | X_OK) == 0 else {
            throw OutputFileError(
                option: option, path: path, reason: "this user may not write into \(TerminalSafe.inline(parent.path))")
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
    var description: String {
        "\(option): \(TerminalSafe.inline(path)) cannot be written (\(reason)); give a writable path."
    }
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

/// What a path names on this machine, so that two spellings of one file (`./a`, `a`, a folder
/// reached through a link, a link to the file) are seen as one.
enum FileIdentity {
    /// The directory entry the path names, with its folders resolved (what a rename replaces),
    /// and, when the entry is a symbolic link, the file it leads to (what an append writes).
    static func names(_ path: String) -> Set<String> {
        var names: Set<String> = [entry(path)]
        if let real = realPath(path) { names.insert(real) }
        return names
    }

    /// True when both paths exist and lead (through any links) to one file: the same device and
    /// inode, whatever the names.
    static func sameInode(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// True when `path` lies directly in `folder` under a name the folder's writer uses, or is the folder itself.
    static func isWritten(_ path: String, by folder: String, naming writes: (String) -> Bool) -> Bool {
        let folderName = resolved(folder)
        let names = Self.names(path)
        if names.contains(folderName) { return true }
        return names.contains { name in
            let url = URL(fileURLWithPath: name)
            return url.deletingLastPathComponent().path == folderName && writes(url.lastPathComponent)
        }
    }

    /// True when the path, or a link on the way to its file, lies in /proc or in /dev (but its
    /// shared-memory folder): a terminal, a device or a descriptor such as /dev/stdout, which an
    /// output replaced by a rename must never be.
    static func leadsIntoDevicesOrProcesses(_ path: String) -> Bool {
        var current = absolute(path)
        for _ in 0..<40 {
            let folder = resolved(URL(fileURLWithPath: current).deletingLastPathComponent().path)
            let special =
                ["/proc", "/dev"].contains { folder == $0 || folder.hasPrefix($0 + "/") }
                && !folder.hasPrefix("/dev/shm")
            if special { return true }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return false }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : folder + "/" + target
        }
        return true
    }

    /// The path's folder resolved, then its last component as given.
    static func entry(_ path: String) -> String {
        let absolute = absolute(path)
        guard let slash = absolute.lastIndex(of: "/") else { return absolute }
        let name = String(absolute[absolute.index(after: slash)...])
        let folder = resolved(String(absolute[..<slash]))
        if name.isEmpty || name == "." || name == ".." { return resolved(absolute) }
        return (folder == "/" ? "" : folder) + "/" + name
    }

    /// The longest existing beginning of the path resolved; the rest, folders still to be made, read as written.
    static func resolved(_ path: String) -> String {
        var components = absolute(path).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            if let real = realPath("/" + components.joined(separator: "/")) {
                // The missing rest is made of folders created as named, so `..` in it is lexical.
                var result = real.split(separator: "/").map(String.init)
                for component in rest {
                    switch component {
                    case ".": continue
                    case "..": _ = result.popLast()
                    default: result.append(component)
                    }
                }
                return "/" + result.joined(separator: "/")
            }
            guard let last = components.popLast() else { return "/" + rest.joined(separator: "/") }
            rest.insert(last, at: 0)
        }
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
