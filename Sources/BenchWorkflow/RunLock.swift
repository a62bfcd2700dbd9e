import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A host-wide lock that keeps two suite runs from overlapping: an exclusive `flock` on a file.
/// The kernel releases it when the holder exits, however it exits, and names the holder in
/// `/proc/locks` (``Holder``), so the lock file is never written.
///
/// The lock may live in a folder anyone can write (`/run/lock`), where another user can plant
/// a link or a file there before the first run: the path is never followed through a symbolic
/// link, and a file that is not a plain lock — a folder, FIFO or device, a file with a second
/// name (a hard link), another user's file (but root's), a file with anything but a process id
/// in it (an old lock) — is refused before it is locked. Nothing is ever truncated or written:
/// a lock path that names a database or a report leaves it as it was.
package final class RunLock: Sendable {
    package let path: String
    private let descriptor: Int32

    /// `SANDBOX_BENCH_LOCK` when set. Else `/run/sandbox-bench/run.lock` for root, whose folder
    /// (created 0755) only root may write, and for any user once that file exists (`flock` works
    /// on a file one may only read, so root's lock excludes every user's run). Else
    /// `/run/lock/sandbox-bench.lock` when `/run/lock` is writable, else the temporary
    /// directory's `sandbox-bench.lock`.
    package static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment, isRoot: Bool = geteuid() == 0
    ) -> String {
        if let path = environment["SANDBOX_BENCH_LOCK"], !path.isEmpty { return path }
        if isRoot || access(rootPath, F_OK) == 0 { return rootPath }
        if access("/run/lock", W_OK) == 0 { return "/run/lock/sandbox-bench.lock" }
        return FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-bench.lock").path
    }

    /// The default lock of root's runs, and of everyone's once it exists.
    package static let rootFolder = "/run/sandbox-bench"
    package static let rootPath = rootFolder + "/run.lock"

    /// Takes the lock without waiting; throws ``RunLockError/held(path:holder:waited:)`` when
    /// another process has it.
    package convenience init(path: String) throws(RunLockError) {
        let descriptor = try Self.open(path)
        guard Self.tryLock(descriptor, path: path) else {
            let holder = Holder.of(descriptor)
            close(descriptor)
            throw .held(path: path, holder: holder, waited: nil)
        }
        self.init(path: path, descriptor: descriptor)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock, waiting up to `limit` for its holder to finish. Waiting suspends (a look
    /// every quarter second), never blocks a thread; cancellation ends it with `CancellationError`.
    /// `waiting` is told whom the wait is for, once per holder.
    package static func acquire(
        path: String, waitingUpTo limit: Duration, waiting: @Sendable (Holder?) -> Void = { _ in }
    ) async throws -> RunLock {
        let descriptor = try open(path)
        let clock = ContinuousClock()
        let start = clock.now
        var announced: Holder?? = .none
        do {
            while true {
                if try tryLockOrThrow(descriptor, path: path) { return RunLock(path: path, descriptor: descriptor) }
                let holder = Holder.of(descriptor)
                let waited = clock.now - start
                if waited >= limit { throw RunLockError.held(path: path, holder: holder, waited: limit) }
                if announced != .some(holder) {
                    waiting(holder)
                    announced = .some(holder)
                }
                try await Task.sleep(for: min(.milliseconds(250), limit - waited))
            }
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    // MARK: Opening and locking

    /// Opens the lock file, creating it (0644) when it is missing, without following a link, and
    /// checks that what was opened is a lock file this user may trust.
    static func open(_ path: String) throws(RunLockError) -> Int32 {
        if path.hasPrefix(rootFolder + "/") { try makeRootFolder() }
        // O_NONBLOCK: a FIFO planted at the path must not hang the open. Read-only: nothing is written.
        let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        var descriptor = Glibc.open(path, flags | O_CREAT, 0o644)
        if descriptor < 0, errno == EACCES || errno == EEXIST {
            // Another user's lock (root's) in a folder this user may not write: locking needs no write.
            descriptor = Glibc.open(path, flags)
        }
        guard descriptor >= 0 else {
            let reason =
                errno == ELOOP
                ? "it is a symbolic link, which the run lock never follows" : String(cString: strerror(errno))
            throw .unusable(path: path, reason: reason)
        }
        if let problem = problem(with: descriptor) {
            close(descriptor)
            throw .unusable(path: path, reason: problem)
        }
        return descriptor
    }

    /// Why an opened file must not be used as the lock, or nil.
    package static func problem(with descriptor: Int32, user: uid_t = geteuid()) -> String? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return String(cString: strerror(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else { return "it is not a regular file" }
        guard status.st_nlink == 1 else {
            return "it has \(status.st_nlink) names (hard links): it may be another file under a second name"
        }
        guard status.st_uid == user || status.st_uid == 0 else {
            return "it belongs to user \(status.st_uid), not to this user or root; a lock that every user's runs "
                + "share is root's \(rootPath), which Deploy/install.sh makes"
        }
        // An old version wrote its pid into the lock: a few digits are a lock, anything else is not.
        guard status.st_size <= 32 else {
            return "it holds \(status.st_size) bytes, so it is some other file, not a run lock"
        }
        var buffer = [UInt8](repeating: 0, count: 33)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { return String(cString: strerror(errno)) }
        let isProcessID = buffer.prefix(count).allSatisfy { (0x30...0x39).contains($0) || [0x20, 0x0A].contains($0) }
        return isProcessID ? nil : "it holds something other than a process id, so it is not a run lock"
    }

    /// Creates root's lock folder, 0755, and refuses one that someone else may write into.
    private static func makeRootFolder() throws(RunLockError) {
        if mkdir(rootFolder, 0o755) != 0, errno != EEXIST, errno != EACCES {
            throw .unusable(path: rootPath, reason: "its folder cannot be created: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard lstat(rootFolder, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR, status.st_uid == 0, status.st_mode & 0o022 == 0 else {
            throw .unusable(
                path: rootPath,
                reason: "its folder \(rootFolder) must be a folder of root's that no one else may write into")
        }
    }

    /// True when the lock was taken; false when another process holds it.
    private static func tryLock(_ descriptor: Int32, path: String) -> Bool {
        (try? tryLockOrThrow(descriptor, path: path)) ?? false
    }

    private static func tryLockOrThrow(_ descriptor: Int32, path: String) throws(RunLockError) -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        let reason = errno
        if reason == EWOULDBLOCK || reason == EINTR { return false }
        throw .unusable(path: path, reason: String(cString: strerror(reason)))
    }
}

package enum RunLockError: CategorizedError, Equatable {
    /// Another process holds the lock; `waited` is how long this one waited for it (nil: not at all).
    case held(path: String, holder: RunLock.Holder?, waited: Duration?)
    case unusable(path: String, reason: String)

    package var kind: FailureKind { .environment }

    package var description: String {
        switch self {
        case .held(let path, let holder, let waited):
            let who = holder.map { "\($0.description) holds \(path)" } ?? "another process holds \(path)"
            if let holder, holder.isSandboxBench == false {
                let still = waited.map { " still, after \(RunLock.seconds($0)) s of waiting," } ?? ""
                return "The run lock \(path) is held\(still) by \(holder.description)."
            }
            guard let waited else {
                return
                    "Another sandbox-bench run is in progress: \(who). "
                    + "Wait for it to finish, or stop it, before starting a new run."
            }
            return
                "Another sandbox-bench run is still in progress after \(RunLock.seconds(waited)) s of waiting: \(who)."
        case .unusable(let path, let reason):
            return "The run lock \(path) cannot be used (\(reason))."
        }
    }
}

extension RunLock {
    /// "600" or "2.5", for a sentence.
    package static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? String(Int64(seconds)) : String(format: "%.1f", seconds)
    }
}
