import BenchModel
import Foundation
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

#if canImport(Glibc)
    import Glibc
#endif

/// An SQLite file deleted, or replaced by another file, while a store has it open keeps taking
/// writes through the open connection, into a file nobody finds again: the store refuses every
/// commit once the path names another file, so that a run cannot call itself completed.
@Suite struct DatabaseFileIdentityTests {
    @Test func aDatabaseDeletedWhileOpenTakesNoMoreWrites() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }

        let replaced = StoreError.databaseReplaced(store: database.path, change: .deleted)
        await #expect(throws: replaced) { try await store.recordSpec(SpecExamples.full(), for: run) }
        await #expect(throws: replaced) { try await store.finishRun(run, status: .completed) }
        await #expect(throws: replaced) { _ = try await store.beginRun(NewRun(suite: "quick")) }
        #expect(replaced.kind == .environment)
        #expect(!FileManager.default.fileExists(atPath: database.path))
        await store.close()
    }

    @Test func aDatabaseReplacedByAnotherFileTakesNoMoreWrites() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let run = try await store.beginRun(NewRun(suite: "quick"))
        // Another database renamed into its place, as a restored backup would be.
        let other = try TestDatabase(name: "other.sqlite")
        defer { other.remove() }
        await (try await other.openSQLite()).close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        try FileManager.default.moveItem(atPath: other.path, toPath: database.path)

        await #expect(throws: StoreError.databaseReplaced(store: database.path)) {
            try await store.recordSpec(SpecExamples.creation(), for: run)
        }
        await store.close()
        // The file now at the path got nothing of the run.
        let now = try await database.openSQLite()
        #expect(try await now.read { try $0.runs(RunQuery()) }.isEmpty)
        await now.close()
    }

    /// The check costs one `stat` per commit and changes nothing for a file that stays.
    @Test func aDatabaseThatStaysTakesEveryWrite() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        try await store.finishRun(run, status: .completed)
        #expect(try await store.run(run).status == .completed)
        await store.close()
    }

    /// A backup or sync tool copies the file and renames the copy over it (`cp` + `mv`), leaving
    /// the run's write-ahead log at the path: SQLite would read the log's frames with the copy (a
    /// run shown `running` in a file that never held it). The connection is detached at its next
    /// transaction: its frames go into the file it opened, and the log at the path is emptied.
    @Test func aCopyRenamedOverTheFileReadsNothingOfTheDetachedConnection() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let before = try await store.beginRun(NewRun(suite: "quick"))
        try await store.finishRun(before, status: .completed)
        // Everything so far is in the file; the next run only in the log.
        try database.rawConnection().executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        let copy = database.directory.path + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: database.path, toPath: copy)
        #expect(rename(copy, database.path) == 0)

        await #expect(throws: StoreError.databaseReplaced(store: database.path, change: .replaced)) {
            try await store.recordSpec(SpecExamples.full(), for: run)
        }
        // Detached: nothing more goes through it, reads included.
        await #expect(throws: StoreError.databaseReplaced(store: database.path, change: .replaced)) {
            _ = try await store.read { try $0.runs(RunQuery()) }
        }
        // Another process opening the path now, while the detached store is still open.
        let now = try await SQLiteResultsStore.open(path: database.path, mode: .readOnly)
        #expect(try await now.read { try $0.runs(RunQuery()) }.map(\.id) == [before])
        await now.close()
        await store.close()
        let after = try await database.openSQLite()
        #expect(try await after.read { try $0.runs(RunQuery()) }.map(\.id) == [before])
        #expect(try await after.run(before).status == .completed)
        await after.close()
    }

    /// Another database renamed over the file, the run's log left at the path: the other database
    /// stays whole (its own runs, no damage), and never shows the run.
    @Test func anotherDatabaseRenamedOverTheFileStaysWhole() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        let other = try TestDatabase(name: "other.sqlite")
        defer { other.remove() }
        let otherStore = try await other.openSQLite()
        let theirs = try await otherStore.beginRun(NewRun(suite: "full", label: "theirs"))
        try await otherStore.finishRun(theirs, status: .completed)
        await otherStore.close()
        #expect(rename(other.path, database.path) == 0)

        await #expect(throws: StoreError.databaseReplaced(store: database.path, change: .replaced)) {
            try await store.finishRun(run, status: .completed)
        }
        await store.close()
        let now = try await database.openSQLite()
        let runs = try await now.read { try $0.runs(RunQuery()) }
        #expect(runs.map(\.label) == ["theirs"])
        #expect(runs.allSatisfy { $0.status == .completed })
        await now.close()
        let check = try database.rawConnection().firstRow("PRAGMA integrity_check") { try $0.text("integrity_check") }
        #expect(check == "ok")
    }

    /// The log deleted under the store (a clean-up script, a sync tool): the file is still at the
    /// path, so the committed transactions are folded into it, and the store stops writing.
    @Test func aDeletedLogIsFoldedIntoTheFileAndTheStoreStops() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.openSQLite()
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        try FileManager.default.removeItem(atPath: database.path + "-wal")

        await #expect(throws: StoreError.databaseReplaced(store: database.path, change: .logDeleted)) {
            try await store.finishRun(run, status: .completed)
        }
        let now = try await SQLiteResultsStore.open(path: database.path, mode: .existingOnly)
        #expect(try await now.run(run).status == .running)
        #expect(try await now.read { try $0.specRecords(run: run).map(\.spec) } == ["creation"])
        await now.close()
        await store.close()
    }

    /// The database's folder renamed: nothing is at the path, and the moved database keeps what
    /// the store committed (folded into its file).
    @Test func aRenamedFolderKeepsTheWholeDatabase() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path + "/db/results.sqlite"
        let store = try await SQLiteResultsStore.open(path: path)
        let run = try await store.beginRun(NewRun(suite: "quick"))
        try await store.recordSpec(SpecExamples.creation(), for: run)
        #expect(rename(folder.path + "/db", folder.path + "/moved") == 0)

        await #expect(throws: StoreError.databaseReplaced(store: path, change: .deleted)) {
            try await store.recordSpec(SpecExamples.full(), for: run)
        }
        await store.close()
        #expect(!FileManager.default.fileExists(atPath: path))
        let moved = try await SQLiteResultsStore.open(path: folder.path + "/moved/results.sqlite", mode: .readOnly)
        #expect(try await moved.read { try $0.specRecords(run: run).map(\.spec) } == ["creation"])
        await moved.close()
    }
}
