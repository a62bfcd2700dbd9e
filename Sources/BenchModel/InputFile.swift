import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file a user named as input (a configuration file, a seccomp profile): a regular file
/// only, opened without blocking, up to a size limit. A FIFO would block the reader forever,
/// and a device such as /dev/zero never ends.
package enum InputFile {
    /// Why the file could not be read, as the end of a sentence: "… cannot be read: it is a directory."
    package struct Problem: Error, Equatable, CustomStringConvertible {
        package var reason: String
        package var description: String { reason }
    }

    /// Generous for a JSON document a person writes.
    package static let defaultLimit = 16 << 20

    package static func contents(at path: String, limit: Int = defaultLimit) throws(Problem) -> Data {
        func problem(_ reason: String) -> Problem { Problem(reason: reason) }
        func systemReason() -> String {
            switch errno {
            case ENOENT: return "it does not exist"
            case EACCES, EPERM: return "permission denied: this user may not read it"
            case ENOTDIR: return "a part of its path is not a directory"
            case ELOOP: return "its path has too many symbolic links"
            case ENAMETOOLONG: return "its path is too long"
            default: return String(cString: strerror(errno))
            }
        }
        guard !path.isEmpty else { throw problem("the path is empty") }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw problem(systemReason()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw problem(systemReason()) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw problem("it is a directory")
        default: throw problem("it is not a regular file (a FIFO, socket or device)")
        }
        guard Int(status.st_size) <= limit else { throw problem("it is larger than \(limit >> 20) MiB") }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw problem(systemReason())
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[..<count])
            guard data.count <= limit else { throw problem("it is larger than \(limit >> 20) MiB") }
        }
        return data
    }
}
