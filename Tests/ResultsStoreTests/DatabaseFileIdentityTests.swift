import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

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

        let replaced = StoreError.databaseReplaced(store: database.path)
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
        #expect(try await now.runs().isEmpty)
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
}
