import BenchWorkflow
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct RunLockTests {
    static let processID = ProcessInfo.processInfo.processIdentifier

    @Test func aSecondHolderIsRefusedNamingTheFirstHolderFromTheKernel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        let first = try RunLock(path: path)
        do {
            _ = try RunLock(path: path)
            Issue.record("a second holder took the lock")
        } catch .held(let heldPath, let holder, let waited) {
            #expect(heldPath == path)
            #expect(holder?.pid == Self.processID)
            #expect(holder?.command?.isEmpty == false)
            // This very process, so its executable is this one; and this user's.
            #expect(holder?.isSandboxBench == true)
            if geteuid() == 0 { #expect(holder?.user == "root") }
            #expect(holder?.user?.isEmpty == false)
            #expect(waited == nil)
        } catch {
            Issue.record("\(error)")
        }
        let message = RunLockError.held(path: path, holder: .init(pid: 42, command: "sandbox-bench run"), waited: nil)
            .description
        #expect(message.contains("in progress: process 42 (sandbox-bench run) holds \(path)."), "\(message)")
        withExtendedLifetime(first) {}
    }

    @Test func releasingTheLockLetsTheNextRunTakeIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        do { _ = try RunLock(path: path) }
        let second = try RunLock(path: path)
        withExtendedLifetime(second) {}
        // Nothing is ever written into the lock file.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    /// The sentence is neutral; the command line adds which variable to set (see the end-to-end tests).
    @Test func anUnusablePathSaysWhatHappened() {
        #expect(throws: RunLockError.self) { _ = try RunLock(path: "/proc/sandbox-bench.lock") }
        #expect(
            RunLockError.unusable(path: "/x", reason: "denied").description
                == "The run lock /x cannot be used (denied).")
    }

    // MARK: Files that are not a lock are never touched

    /// A file and its bytes, status and modification time, to show that nothing changed it.
    struct Untouched {
        let path: String
        let bytes: Data
        let modified: Date?

        init(_ path: String) throws {
            self.path = path
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }

        func check() throws {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(path) changed")
            #expect(
                try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified,
                "\(path) was written")
        }
    }

    static func expectUnusable(_ path: String, saying words: String) {
        do {
            let lock = try RunLock(path: path)
            Issue.record("\(path) was taken as a lock")
            withExtendedLifetime(lock) {}
        } catch .unusable(let refused, let reason) {
            #expect(refused == path)
            #expect(reason.contains(words), "\(reason)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aSymbolicLinkAtTheLockPathIsRefusedAndItsTargetUntouched() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("secret")
        try Data("root's own file\n".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o600)
        let before = try Untouched(target)
        let link = directory.file("run.lock")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        Self.expectUnusable(link, saying: "symbolic link")
        try before.check()
        // A link to nothing yet: nothing is created at its target either.
        let dangling = directory.file("dangling.lock")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory.file("new"))
        Self.expectUnusable(dangling, saying: "symbolic link")
        #expect(!FileManager.default.fileExists(atPath: directory.file("new")))
    }

    @Test func aFileWithOtherContentIsRefusedAndLeftAsItWas() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("results.sqlite")
        try Data("SQLite format 3\0".utf8 + Data(repeating: 7, count: 4096)).write(to: URL(fileURLWithPath: database))
        let before = try Untouched(database)
        Self.expectUnusable(database, saying: "4112 bytes")
        try before.check()
        let short = directory.file("note.txt")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: short))
        Self.expectUnusable(short, saying: "something other than a process id")
        // An old version's lock, with its holder's pid in it, is a lock, and stays as it was.
        let old = directory.file("old.lock")
        try Data("4242\n".utf8).write(to: URL(fileURLWithPath: old))
        let oldBefore = try Untouched(old)
        do { _ = try RunLock(path: old) }
        try oldBefore.check()
    }

    @Test func aSecondNameOrAFIFOIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("file")
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let second = directory.file("second.lock")
        #expect(link(file, second) == 0)
        Self.expectUnusable(second, saying: "hard links")
        let fifo = directory.file("fifo.lock")
        #expect(mkfifo(fifo, 0o644) == 0)
        // Never hangs on the open: the FIFO is opened without waiting for a writer.
        Self.expectUnusable(fifo, saying: "not a regular file")
        let folder = directory.file("folder.lock")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        Self.expectUnusable(folder, saying: "directory")
    }

    @Test func anotherUsersFileIsRefusedButRootsIsNot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        #expect(RunLock.problem(with: descriptor, user: geteuid()) == nil)
        guard geteuid() == 0 else { return }
        #expect(RunLock.problem(with: descriptor, user: 1000) == nil, "root's file is trusted by every user")
        #expect(chown(path, 65534, 65534) == 0)
        #expect(RunLock.problem(with: descriptor, user: 1000)?.contains("belongs to user 65534") == true)
        #expect(RunLock.problem(with: descriptor, user: 65534) == nil)
    }

    // MARK: Waiting

    @Test func aWaitingRunTakesTheLockWhenTheHolderLetsGo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        let first = Mutex<RunLock?>(try RunLock(path: path))
        let announced = Mutex<[RunLock.Holder?]>([])
        let second = try await RunLock.acquire(path: path, waitingUpTo: .seconds(600)) { holder in
            announced.withLock { $0.append(holder) }
            // The holder finishes once the waiter has said whom it waits for.
            first.withLock { $0 = nil }
        }
        withExtendedLifetime(second) {}
        let holders = announced.withLock { $0 }
        #expect(holders.count == 1)
        #expect(holders.first??.pid == Self.processID)
    }

    @Test func aWaitThatRunsOutIsHeldWithTheTimeWaited() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        let first = try RunLock(path: path)
        do {
            _ = try await RunLock.acquire(path: path, waitingUpTo: .milliseconds(600))
            Issue.record("the lock was taken while held")
        } catch let error as RunLockError {
            guard case .held(_, let holder, let waited) = error else { throw error }
            #expect(holder?.pid == Self.processID)
            #expect(waited == .milliseconds(600))
            #expect(error.description.contains("after 0.6 s of waiting"), "\(error)")
        }
        withExtendedLifetime(first) {}
    }

    @Test func cancellingAWaitEndsIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        let first = try RunLock(path: path)
        let waiting = Task { try await RunLock.acquire(path: path, waitingUpTo: .seconds(3600)) }
        try await Task.sleep(for: .milliseconds(300))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        withExtendedLifetime(first) {}
    }

    // MARK: The holder and the default place

    @Test func theHolderIsReadFromTheKernelsListOfLocks() {
        let locks = """
            1: FLOCK  ADVISORY  WRITE 14635 fe:00:16224717 0 EOF
            1: -> FLOCK  ADVISORY  WRITE 16127 fe:00:16224717 0 EOF
            2: POSIX  ADVISORY  WRITE 999 fe:00:77 0 EOF
            3: FLOCK  ADVISORY  WRITE 777 103:02:77 0 EOF
            """
        // st_dev as glibc encodes it: major 254, minor 0; and major 0x103, minor 2.
        #expect(RunLock.Holder.holder(in: locks, device: 254 << 8, inode: 16_224_717) == 14635)
        #expect(RunLock.Holder.holder(in: locks, device: 254 << 8, inode: 77) == nil, "a POSIX lock is not the run's")
        #expect(RunLock.Holder.holder(in: locks, device: (0x103 << 8) | 2, inode: 77) == 777)
    }

    @Test func rootsDefaultLockIsInAFolderOnlyRootMayWrite() {
        #expect(RunLock.defaultPath(environment: [:], isRoot: true) == "/run/sandbox-bench/run.lock")
        #expect(RunLock.defaultPath(environment: ["SANDBOX_BENCH_LOCK": "/x/y.lock"], isRoot: true) == "/x/y.lock")
        let user = RunLock.defaultPath(environment: [:], isRoot: false)
        #expect(
            user == RunLock.rootPath || user == "/run/lock/sandbox-bench.lock" || user.hasSuffix("/sandbox-bench.lock"))
    }

    /// Whoever may read the host-wide lock may hold it: a holder that is not sandbox-bench is
    /// named as such, with its user, and never called "another sandbox-bench run".
    @Test func aHolderThatIsNotSandboxBenchIsNamedAsSuch() {
        let foreign = RunLock.Holder(pid: 7, command: "python3 hold.py", user: "nobody", isSandboxBench: false)
        #expect(foreign.description == "process 7 (python3 hold.py) of user nobody, not a sandbox-bench run")
        let atOnce = RunLockError.held(path: "/run/x.lock", holder: foreign, waited: nil).description
        #expect(atOnce == "The run lock /run/x.lock is held by \(foreign.description).")
        let waited = RunLockError.held(path: "/run/x.lock", holder: foreign, waited: .seconds(5)).description
        #expect(waited == "The run lock /run/x.lock is held still, after 5 s of waiting, by \(foreign.description).")
        let ours = RunLock.Holder(pid: 8, command: "sandbox-bench run", user: "ci", isSandboxBench: true)
        let busy = RunLockError.held(path: "/run/x.lock", holder: ours, waited: nil).description
        #expect(
            busy.hasPrefix("Another sandbox-bench run is in progress: process 8 (sandbox-bench run) of user ci holds"))
    }
}
