import Foundation

/// What is at the database path before SQLite is allowed near it. SQLite would happily
/// write a journal next to, or a header into, a file that is not ours; these checks refuse
/// such files while they are still untouched.
enum DatabaseFile {
    enum State: Equatable {
        case missing
        /// A file of zero bytes, which SQLite treats as an empty database.
        case empty
        case sqlite
    }

    /// The 16 bytes every SQLite 3 database file starts with.
    static let header = Array("SQLite format 3\u{0}".utf8)

    static func inspect(_ path: String) throws(StoreError) -> State {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unwritable(path: path, reason: "the file cannot be read")
        }
        defer { try? handle.close() }
        let start: Data
        do {
            start = try handle.read(upToCount: header.count) ?? Data()
        } catch {
            throw .unwritable(path: path, reason: "the file cannot be read (\(error.localizedDescription))")
        }
        if start.isEmpty { return .empty }
        guard Array(start) == header else { throw .notADatabase(path: path) }
        return .sqlite
    }

    /// Creates the folders above a new database file.
    static func createParentDirectory(of path: String) throws(StoreError) {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: path, reason: "its folder \(parent.path) cannot be created")
        }
    }
}
