import ArgumentParser
import Foundation
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

/// Checks, before a run starts, that the places it will write when it ends can be written: a
/// run that measures for minutes must not end by failing to write its report.
enum OutputPreflight {
    /// A path option that names nothing is a usage error, not a place that cannot be written.
    static func requirePath(_ path: String?, option: String) throws {
        guard let path, path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        throw ValidationError("\(option) needs a path, not an empty string.")
    }

    /// A folder of reports: an existing, writable folder, or one that can be created.
    static func checkFolder(_ path: String) throws(ReportWriteError) {
        switch kind(of: path) {
        case .directory:
            guard access(path, W_OK | X_OK) == 0 else { throw .cannotWrite(path: path, reason: "this user may not write into it") }
        case .missing:
            try checkCreatable(path)
        case .regularFile, .other:
            throw .notADirectory(path: path)
        }
    }

    /// A file replaced atomically (written beside it, then renamed): a regular file or nothing
    /// yet, in a folder this user may write into.
    static func checkFile(_ path: String) throws(ReportWriteError) {
        switch kind(of: path) {
        case .directory:
            throw .cannotWrite(path: path, reason: "it is a directory; give a file path")
        case .other:
            throw .cannotWrite(path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        case .regularFile, .missing:
            try checkCreatable(path)
        }
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
    private static func checkCreatable(_ path: String) throws(ReportWriteError) {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw .cannotWrite(path: path, reason: "the path is empty") }
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        while kind(of: parent.path) == .missing, parent.path != "/" {
            parent.deleteLastPathComponent()
        }
        guard kind(of: parent.path) == .directory else {
            throw .cannotWrite(path: path, reason: "\(parent.path) is not a folder")
        }
        guard access(parent.path, W_OK | X_OK) == 0 else {
            throw .cannotWrite(path: path, reason: "this user may not write into \(parent.path)")
        }
    }
}
