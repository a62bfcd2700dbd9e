import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A host-wide lock that keeps two suite runs from overlapping: an exclusive `flock` on a file
/// that also names the holder's pid. The kernel releases it when the holder exits, however it exits.
package final class RunLock: Sendable {
    package let path: String
    private let descriptor: Int32

    /// `SANDBOX_BENCH_LOCK`, else `/run/lock/sandbox-bench.lock` when `/run/lock` is writable, else
    /// the temporary directory's `sandbox-bench.lock`.
    package static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SANDBOX_BENCH_LOCK"], !path.isEmpty { return path }
        if access("/run/lock", W_OK) == 0 { return "/run/lock/sandbox-bench.lock" }
        return FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-bench.lock").path
    }

    /// Takes the lock without waiting; throws ``RunLockError/held(path:pid:)`` when another process has it.
    package init(path: String) throws {
        self.path = path
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0, errno == EACCES {
            // A lock file another user created (a run under sudo): flock works on a read-only
            // descriptor too; only the holder's pid cannot be written.
            fd = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw RunLockError.unusable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.readPID(fd)
            close(fd)
            if reason == EWOULDBLOCK { throw RunLockError.held(path: path, pid: holder) }
            throw RunLockError.unusable(path: path, reason: String(cString: strerror(reason)))
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(
            String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

package enum RunLockError: CategorizedError, Equatable {
    case held(path: String, pid: Int32?)
    case unusable(path: String, reason: String)

    package var kind: FailureKind { .environment }

    package var description: String {
        switch self {
        case .held(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return
                "Another sandbox-bench run is in progress (\(holder) holds \(path)); wait for it to finish, or stop it, before starting a new run."
        case .unusable(let path, let reason):
            return "The run lock \(path) cannot be used (\(reason))."
        }
    }
}
