import Foundation
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Read commands open the database read-only, so that another user can read the nightly
/// results: a database file and folder this user may not write, as the `nobody` user.
@Suite(.enabled(if: getuid() == 0, "needs root to run a command as another user"))
struct ReadOnlyDatabaseTests {
    /// The binary copied where the other user can execute it, and a folder it may write reports into.
    struct Reader {
        let binary: String
        let home: String

        func run(_ arguments: [String], database: String) async throws -> ExecutableFile.Outcome {
            try await ExecutableFile(path: "/usr/bin/setpriv").run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments,
                environment: ["SANDBOX_BENCH_DB": database, "HOME": home, "SANDBOX_BENCH_LOCK": home + "/run.lock"],
                in: URL(fileURLWithPath: home))
        }
    }

    static func reader(in directory: TemporaryDirectory) throws -> Reader {
        let binary = directory.file("sandbox-bench")
        try FileManager.default.copyItem(atPath: try ExecutableFile.locate().path, toPath: binary)
        let home = directory.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        chmod(directory.path, 0o755)
        chmod(binary, 0o755)
        chmod(home, 0o777)
        return Reader(binary: binary, home: home)
    }

    /// A database in a folder owned by root, mode 755, the file mode 644.
    static func database(in directory: TemporaryDirectory) async throws -> String {
        let folder = directory.file("db")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/results.sqlite"
        try await FixtureDatabase.write(at: path)
        chmod(folder, 0o755)
        chmod(path, 0o644)
        return path
    }

    @Test func everyReadCommandWorksWithoutWriteAccessAndChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reader = try Self.reader(in: directory)
        let database = try await Self.database(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for arguments in [
            ["runs", "list"], ["runs", "show", "2"], ["baseline", "list"], ["baseline", "show", "default"],
            ["diff", "1", "2"],
            ["export", "--run", "1"], ["export", "--since", "2000-01-01", "--format", "csv"],
            ["report", "2", "--out", reader.home + "/Reports"], ["prune", "--keep-days", "1", "--dry-run"],
            ["changes"], ["baseline", "export", "default"],
        ] {
            let outcome = try await reader.run(arguments, database: database)
            #expect(outcome.exitCode == 0, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.isEmpty, "\(arguments): \(outcome.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("db")) == ["results.sqlite"])

        let write = try await reader.run(["baseline", "set", "mine", "1"], database: database)
        #expect(write.exitCode == 3, "\(write.stderr)")
        #expect(write.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    /// A command that writes (`gate`, `baseline set`), run by another user on root's database in
    /// a folder that user may write: it reads the database as a reader does and leaves no `-wal`
    /// or `-shm` file of that user's beside it (which a writer of another user could not open);
    /// what it would store is refused, in one line, exit 3.
    @Test func aWritingCommandOfAnotherUserLeavesNoFilesBesideTheDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reader = try Self.reader(in: directory)
        let database = try await Self.database(in: directory)
        chmod(directory.file("db"), 0o1777)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for arguments in [["gate", "2", "--baseline", "1"], ["baseline", "set", "mine", "1"]] {
            let outcome = try await reader.run(arguments, database: database)
            #expect(outcome.exitCode == 3 || outcome.exitCode == 1, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("can be read but not written"), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(arguments): \(outcome.stderr)")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.file("db")) == ["results.sqlite"],
                "\(arguments)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func aReaderSeesWhatALiveWriterCommittedToItsLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reader = try Self.reader(in: directory)
        let database = try await Self.database(in: directory)
        // A writer that stays open keeps its commits in the write-ahead log, not yet in the file.
        let writer = try await SQLiteResultsStore.open(path: database)
        let id = try await writer.beginRun(.init(suite: "quick", label: "still running"))
        #expect(FileManager.default.fileExists(atPath: database + "-wal"))
        let listed = try await reader.run(["runs", "list", "--json"], database: database)
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("still running"))
        let shown = try await reader.run(["runs", "show", String(id)], database: database)
        #expect(shown.exitCode == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Run \(id): running"))
        await writer.close()
    }
}
