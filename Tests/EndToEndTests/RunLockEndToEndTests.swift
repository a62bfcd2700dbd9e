import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The host-wide run lock as users meet it: a link another user planted at its path, a lock path
/// that names the database, a nightly job and a CI job that queue with `--wait-lock`, a signal
/// while waiting; also as an unprivileged user (`runuser -u nobody`).
@Suite(.serialized)
struct RunLockEndToEndTests {
    /// A lock held by this test process, as another run would hold it: an exclusive `flock`.
    final class HeldLock: Sendable {
        let descriptor: Int32

        init(_ path: String) throws {
            descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                throw HoldError(description: "could not hold \(path): \(String(cString: strerror(errno)))")
            }
        }

        func release() {
            flock(descriptor, LOCK_UN)
        }

        deinit { close(descriptor) }
    }

    struct HoldError: Error, CustomStringConvertible {
        let description: String
    }

    static let processID = ProcessInfo.processInfo.processIdentifier
    static let quickRun = ["run", "--suite", "quick", "--spec", "creation", "--iterations", "1", "--no-report"]

    /// The binary run as `nobody`, with `environment` (its own, not this process's).
    static func runAsNobody(
        _ cli: CommandLine, _ arguments: [String], environment: [String: String],
        body: (RunningProcess) async throws -> Void = { _ in }
    ) async throws -> ExecutableFile.Outcome {
        let variables = environment.map { "\($0.key)=\($0.value)" }.sorted()
        return try await ExecutableFile(path: "/usr/sbin/runuser").run(
            ["-u", "nobody", "--", "/usr/bin/env"] + variables + [cli.binary.path] + arguments,
            in: URL(fileURLWithPath: "/"), body: body
        ).outcome
    }

    /// A folder anyone may write into, with the sticky bit, as /run/lock is.
    static func sharedFolder(in cli: CommandLine) throws -> String {
        chmod(cli.directory.url.path, 0o755)
        let folder = cli.directory.file("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        chmod(folder, 0o1777)
        return folder
    }

    @Test func aLinkAnotherUserPlantedAtTheLockIsRefusedAndItsTargetStaysAsItWas() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let shared = try Self.sharedFolder(in: cli)
        // A file only root may read or write, and a link to it planted by an unprivileged user.
        let secret = cli.directory.file("secret")
        try Data("root's own file\n".utf8).write(to: URL(fileURLWithPath: secret))
        chmod(secret, 0o600)
        let lock = shared + "/sandbox-bench.lock"
        let planted = try await ExecutableFile(path: "/usr/sbin/runuser").run([
            "-u", "nobody", "--", "/bin/ln", "-s", secret, lock,
        ])
        #expect(planted.exitCode == 0, "\(planted.stderr)")
        var link = stat()
        #expect(lstat(lock, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK && link.st_uid == 65534)

        let asRoot = try await cli.run(Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": lock])
        #expect(asRoot.exitCode == 3, "\(asRoot.stderr)")
        #expect(asRoot.errorLines.first?.contains("is a symbolic link, which the run lock never follows") == true)
        #expect(asRoot.errorLines.count == 1, "\(asRoot.stderr)")
        let asNobody = try await Self.runAsNobody(
            cli, Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": lock, "SANDBOX_BENCH_DB": shared + "/r.sqlite"])
        #expect(asNobody.exitCode == 3, "\(asNobody.stderr)")
        #expect(asNobody.stderr.contains("symbolic link"), "\(asNobody.stderr)")
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "root's own file\n")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing was stored")
    }

    @Test func aLockPathThatNamesTheDatabaseIsRefusedAndTheDatabaseStaysAsItWas() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await FixtureDatabase.write(at: cli.database)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        // The same file under another spelling, too.
        for lock in [cli.database, cli.directory.url.path + "/./results.sqlite"] {
            let outcome = try await cli.run(Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": lock])
            #expect(outcome.exitCode == 2, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("is the results database"), "\(outcome.stderr)")
        }
        // Another database, which this command does not know as its own: not a lock, left alone.
        let other = cli.directory.file("other.sqlite")
        try before.write(to: URL(fileURLWithPath: other))
        let outcome = try await cli.run(Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": other])
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("so it is some other file, not a run lock"), "\(outcome.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    @Test func aWaitThatRunsOutExits3NamingTheHolder() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let held = try HeldLock(cli.lock)
        let outcome = try await cli.run(Self.quickRun + ["--wait-lock", "1"])
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "warning: waiting up to 1 s for the run lock \(cli.lock), which process \(Self.processID)"))
        #expect(
            outcome.errorLines.first?.contains("is held still, after 1 s of waiting, by process") == true,
            "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("process \(Self.processID)") == true, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing was stored")
        // Without --wait-lock: at once, with the advice to queue.
        let atOnce = try await cli.run(Self.quickRun)
        #expect(atOnce.exitCode == 3)
        #expect(atOnce.stderr.contains("--wait-lock"), "\(atOnce.stderr)")
        withExtendedLifetime(held) {}
    }

    @Test func aSignalWhileWaitingEndsTheCommandCleanly() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let held = try HeldLock(cli.lock)
        let (outcome, _) = try await cli.run(Self.quickRun + ["--wait-lock", "600"]) { process in
            #expect(await process.waitUntil(.stderr, contains: "warning: waiting up to 600 s"))
            try process.signal(SIGTERM)
        }
        #expect(outcome.exitCode == 143, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Interrupted by SIGTERM while waiting for the run lock; nothing was measured."))
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing was stored")
        withExtendedLifetime(held) {}
    }

    @Test(.needsDockerEngine)
    func aRunWaitsForTheHolderAndRunsWhenItFinishes() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let held = try HeldLock(cli.lock)
        let (outcome, _) = try await cli.run(Self.quickRun + ["--wait-lock", "600"]) { process in
            #expect(await process.waitUntil(.stderr, contains: "which process \(Self.processID)"))
            held.release()
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").filter { $0.contains("warning: waiting up to") }.count == 1)
        let run = try #require(try await cli.store().runs().first)
        #expect(run.status == .completed)
    }

    /// An unprivileged user's run: a wait for root's lock (which it may only read) that runs out
    /// exits 3; a lock path naming its database is refused; and it queues behind root's run and
    /// goes on when that ends (here to the engine's socket, which does not exist).
    @Test func anUnprivilegedRunTimesOutRefusesTheDatabaseAndQueuesBehindRootsLock() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let shared = try Self.sharedFolder(in: cli)
        let lock = cli.directory.file("root.lock")
        let held = try HeldLock(lock)
        let database = shared + "/r.sqlite"
        // As this user too: a wait that runs out exits 3, and the database is no lock.
        let timedOut = try await Self.runAsNobody(
            cli, Self.quickRun + ["--wait-lock", "1"],
            environment: ["SANDBOX_BENCH_LOCK": lock, "SANDBOX_BENCH_DB": database])
        #expect(timedOut.exitCode == 3, "\(timedOut.stderr)")
        // The holder is this test process, root's and no sandbox-bench run: said so.
        #expect(
            timedOut.stderr.contains("is held still, after 1 s of waiting, by process \(Self.processID) ("),
            "\(timedOut.stderr)")
        #expect(timedOut.stderr.contains("of user root, not a sandbox-bench run."), "\(timedOut.stderr)")
        try await FixtureDatabase.write(at: database)
        chmod(database, 0o666)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let onDatabase = try await Self.runAsNobody(
            cli, Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": database, "SANDBOX_BENCH_DB": database])
        #expect(onDatabase.exitCode == 2, "\(onDatabase.stderr)")
        #expect(onDatabase.stderr.contains("is the results database"), "\(onDatabase.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        try FileManager.default.removeItem(atPath: database)
        let outcome = try await Self.runAsNobody(
            cli, Self.quickRun + ["--wait-lock", "600"],
            environment: [
                "SANDBOX_BENCH_LOCK": lock, "SANDBOX_BENCH_DB": database,
                "DOCKER_HOST": "unix://" + cli.directory.file("no-engine.sock"),
            ]
        ) { process in
            #expect(await process.waitUntil(.stderr, contains: "which process \(Self.processID)"))
            held.release()
        }
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("run lock") == false, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("no-engine.sock") == true, "\(outcome.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: lock)).isEmpty)
    }

    /// Any user who may read root's host-wide lock may hold it (that is what makes it host-wide):
    /// another user's process that is not sandbox-bench, holding it with `flock`, is named as what
    /// it is — its command, its user, not a sandbox-bench run — and root's run exits 3 at once.
    @Test func anotherUsersProcessHoldingTheLockIsNamedAsNotASandboxBenchRun() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        chmod(cli.directory.url.path, 0o755)
        let lock = cli.directory.file("root.lock")
        let created = open(lock, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
        #expect(created >= 0)
        close(created)
        // One process, started directly as nobody (setpriv execs it), so that stopping it ends it.
        let holding = try await ExecutableFile(path: "/usr/bin/setpriv").run(
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
                    + "print('held', flush=True); time.sleep(600)",
                lock,
            ],
            in: URL(fileURLWithPath: "/")
        ) { holder in
            #expect(await holder.waitUntil(.stdout, contains: "held"))
            let outcome = try await cli.run(Self.quickRun, environment: ["SANDBOX_BENCH_LOCK": lock])
            #expect(outcome.exitCode == 3, "\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
            let line = try #require(outcome.errorLines.first)
            #expect(line.contains("The run lock \(lock) is held by process "), "\(line)")
            #expect(line.contains("(python3 "), "\(line)")
            #expect(line.contains(" of user nobody, not a sandbox-bench run."), "\(line)")
            #expect(!line.contains("Another sandbox-bench run"), "\(line)")
            #expect(line.contains("Ask its user to end it"), "\(line)")
            try holder.signal(SIGTERM)
        }
        _ = holding
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing was stored")
    }
}
