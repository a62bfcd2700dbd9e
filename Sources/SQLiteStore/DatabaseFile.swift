import Foundation
import ResultsStore

#if canImport(Glibc)
    import Glibc
#endif

/// What is at the database path before SQLite is allowed near it. SQLite would happily
/// write a journal next to, or a header into, a file that is not ours; these checks refuse
/// such files while they are still untouched. A FIFO or a device is refused before it is opened:
/// opening one could block forever.
enum DatabaseFile {
    enum State: Equatable {
        case missing
        /// A file of zero bytes, which SQLite treats as an empty database.
        case empty
        case sqlite
    }

    /// The 16 bytes every SQLite 3 database file starts with.
    static let header = Array("SQLite format 3\u{0}".utf8)

    /// What is at `path`; a failure to look is `unwritable` for a store opened for writing and
    /// `unreadable` for one opened for reading only.
    static func inspect(_ path: String, forWriting: Bool = true) throws(StoreError) -> State {
        func failure() -> StoreError {
            let reason = String(cString: strerror(errno))
            return forWriting ? .unwritable(store: path, reason: reason) : .unreadable(store: path, reason: reason)
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return .missing }
            throw failure()
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw .isDirectory(store: path)
        case S_IFREG: break
        default: throw .notARegularFile(store: path)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: header.count)
        let count = read(descriptor, &start, start.count)
        guard count >= 0 else { throw failure() }
        if count == 0 { return .empty }
        guard count == header.count, start == header else { throw .notADatabase(store: path) }
        return .sqlite
    }

    /// Creates the folders above a new database file.
    static func createParentDirectory(of path: String) throws(StoreError) {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .unwritable(store: path, reason: "\(parent) is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(store: path, reason: "its folder \(parent) cannot be created")
        }
    }
}

extension DatabaseFile {
    /// Which file a path names: its device and inode. A database deleted, moved away or replaced
    /// (a backup restored over it, another file renamed into its place) while a store has it open
    /// keeps taking writes through the open connection, into a file nobody will find again: the
    /// store compares the path's identity with the one it opened before each commit.
    struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64

        /// The identity of the file at `path`, or nil when there is none (or it cannot be looked at).
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }
}
