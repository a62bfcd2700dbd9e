import BenchModel
import Foundation
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// A `running` run whose process is gone is closed as `aborted` when the database is opened,
/// and a pid that a new process reuses does not keep it alive.
@Suite(.temporaryDatabases) struct DeadRunTests {
    @Test(arguments: StoreBackend.all) func aRunOfALiveProcessStaysRunning(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        #expect(try await database.open().run(id).status == .running)
    }

    @Test(arguments: StoreBackend.all) func aRunWhoseProcessEndedIsAbortedOnOpen(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let started = date("2025-03-01T02:00:00.000Z")
        let id = try await store.beginRun(NewRun(suite: "default", startedAt: started))
        try await store.recordSpec(SpecExamples.creation(), for: id, recordedAt: started.addingTimeInterval(42))
        let pid = try await EndedProcess.pid()
        try await database.execute("UPDATE runs SET pid = $1 WHERE id = $2", [.int(pid), .int(id)])

        let run = try await database.open().run(id)
        #expect(run.status == .aborted)
        #expect(run.reason?.contains("pid \(pid)") == true)
        #expect(run.endedAt == started.addingTimeInterval(42))
        #expect(try await store.specs(run: id).count == 1)
    }

    @Test(arguments: StoreBackend.all) func aReusedPidDoesNotKeepADeadRunAlive(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        // Our own pid is alive, but the run's process started at another moment: the pid was reused.
        try await database.execute(
            "UPDATE runs SET process_start = $1 WHERE id = $2", ["another-boot:12345", .int(id)])
        #expect(try await database.open().run(id).status == .aborted)
    }

    @Test(arguments: StoreBackend.all) func aRunOfAnotherHostIsLeftAlone(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        let pid = try await EndedProcess.pid()
        try await database.execute(
            "UPDATE runs SET host = 'some-other-host', pid = $1 WHERE id = $2", [.int(pid), .int(id)])
        #expect(try await database.open().run(id).status == .running)
    }

    @Test func theStartIdentityTellsProcessesApart() async throws {
        let current = ProcessIdentity.current
        #expect(!current.start.isEmpty)
        #expect(!current.isGone)
        #expect(ProcessIdentity.startIdentity(of: current.pid) == current.start)
        #expect(ProcessIdentity.startIdentity(of: try await EndedProcess.pid()) == nil)
    }
}
