import BenchModel
import Foundation
import Migrations
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// Files the store must refuse, each left exactly as it was.
@Suite struct FileRefusalTests {
    /// The files SQLite would create next to a database it touched.
    static func sideFiles(of path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: [
        Data("name,value\ncreation,0.33\n".utf8),
        Data("SQLite".utf8),
        Data(repeating: 0, count: 4096),
        Data("SQLite format 2\u{0}".utf8) + Data(repeating: 7, count: 1000),
    ])
    func aFileThatIsNotSQLiteIsRefusedUntouched(content: Data) async throws {
        let database = try TestDatabase(name: "notes.sqlite")
        defer { database.remove() }
        try content.write(to: URL(fileURLWithPath: database.path))
        let error = await #expect(throws: StoreError.self) { _ = try await database.open() }
        #expect(error == .notADatabase(store: database.path))
        #expect(error?.kind == .environment)
        #expect(try database.bytes() == content)
        #expect(Self.sideFiles(of: database.path).isEmpty)
    }

    @Test func aDatabaseWithANewerSchemaIsRefusedUnchanged() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        do {
            let store = try await database.open()
            try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
            await store.close()
        }
        let newer = SchemaMigrations.latestVersion + 1
        try database.rawConnection().execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future.sql', '2030-01-01T00:00:00.000Z')",
            [newer])
        let before = try database.bytes()

        let error = await #expect(throws: StoreError.self) { _ = try await database.open() }
        #expect(error == .newerSchema(store: database.path, found: newer, supported: SchemaMigrations.latestVersion))
        #expect(error?.kind == .environment)
        #expect(try database.bytes() == before)
        #expect(try await database.count("SELECT max(version) AS version FROM schema_migrations") == newer)
    }

    @Test func anotherProgramsDatabaseIsRefusedUnchanged() async throws {
        let database = try TestDatabase(name: "other.sqlite")
        defer { database.remove() }
        do {
            let other = try SQLiteConnection(path: database.path, create: true)
            try other.executeScript("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');")
        }
        let before = try database.bytes()
        let error = await #expect(throws: StoreError.self) { _ = try await database.open() }
        #expect(error == .foreignDatabase(store: database.path))
        #expect(try database.bytes() == before)
        // The header still says rollback journal (1), not WAL (2): the refusal came before any PRAGMA.
        #expect(before[18] == 1)
        #expect(Self.sideFiles(of: database.path).isEmpty)
    }

    @Test func aDirectoryIsRefused() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let error = await #expect(throws: StoreError.self) {
            _ = try await SQLiteResultsStore.open(path: database.directory.path)
        }
        #expect(error == .isDirectory(store: database.directory.path))
        #expect(error?.kind == .environment)
    }

    @Test func aPathBelowAFileIsUnwritable() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let file = database.directory.file("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let path = file + "/results.sqlite"
        let error = await #expect(throws: StoreError.self) { _ = try await SQLiteResultsStore.open(path: path) }
        guard case .unwritable(let reportedPath, _) = error else {
            Issue.record("expected unwritable, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(error?.kind == .environment)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("x".utf8))
    }

    @Test func openingForReadingDoesNotCreateADatabase() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let error = await #expect(throws: StoreError.self) {
            _ = try await SQLiteResultsStore.open(path: database.path, mode: .existingOnly)
        }
        #expect(error == .noDatabase(store: database.path))
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    /// A file of zero bytes holds no results: a command that changes a database refuses it as a
    /// missing one, and leaves it empty.
    @Test func anEmptyFileIsNoDatabaseToChange() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = FileManager.default.createFile(atPath: database.path, contents: Data())
        let error = await #expect(throws: StoreError.self) {
            _ = try await SQLiteResultsStore.open(path: database.path, mode: .existingOnly)
        }
        #expect(error == .noDatabase(store: database.path))
        #expect(try database.bytes().isEmpty)
        #expect(Self.sideFiles(of: database.path).isEmpty)
    }

    @Test func everyDescriptionIsOneLine() {
        let errors: [StoreError] = [
            .notADatabase(store: "/p"), .foreignDatabase(store: "/p"),
            .newerSchema(store: "/p", found: 3, supported: 2),
            .busy(store: "/p", timeoutSeconds: 5), .unwritable(store: "/p", reason: "r"), .readOnly(store: "/p"),
            .isDirectory(store: "/p"), .notARegularFile(store: "/p"), .noDatabase(store: "/p"),
            .damaged(store: "/p", message: "m"),
            .unreachable(store: "/p", reason: "r"), .backend(store: "/p", code: "SQLite code 1", message: "m"),
            StoreError(
                DatabaseError(extendedResultCode: 1, message: "m", sql: "SELECT\n  1"), path: "/p",
                busyTimeoutSeconds: 5),
            .unknownRun(id: 1), .unknownBaseline(name: "n\u{1B}[31m"), .invalidBaselineName(name: "42", reason: "r"),
            .baselineNeedsCompletedRun(id: 1, status: .failed),
            .runIsBaseline(id: 1, baselines: ["a", "b"]), .runIsRunning(id: 1, host: "h\u{1B}[2J", pid: 2),
            .runIsMeasuring(id: 1, host: "h", pid: 2), .importOfRunningRun(uuid: "u"),
            .foreignSchemaObject(store: "/p", finding: "a trigger \"t\u{1B}[31m\" on the table samples"),
            .databaseReplaced(store: "/p"), .namedDatabaseMissing(store: "/p", namedBy: "--db"),
            .runNotRunning(id: 1, status: .completed),
            .finishedAsRunning(id: 1), .specAlreadyRecorded(runID: 1, spec: "s"), .confirmationWithoutParent,
            .negativeKeepDays(-1),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"), "\(error)")
            #expect(!error.description.contains("\u{1B}"), "\(error)")
            #expect(!error.description.contains("SELECT"), "\(error)")
            #expect(error.description.hasSuffix("."), "\(error)")
        }
    }
}
