import BenchModel
import Foundation
import TestSupport
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// A `running` run whose process is gone is closed as `aborted` when the database is opened,
/// and a pid that a new process reuses does not keep it alive.
@Suite struct DeadRunTests {
    @Test func aRunOfALiveProcessStaysRunning() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        #expect(try await database.open().run(id).status == .running)
    }

    @Test func aRunWhoseProcessEndedIsAbortedOnOpen() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.open()
        let started = date("2025-03-01T02:00:00.000Z")
        let id = try await store.beginRun(NewRun(suite: "default", startedAt: started))
        try await store.recordSpec(SpecExamples.creation(), for: id, recordedAt: started.addingTimeInterval(42))
        let pid = try await EndedProcess.pid()
        try database.rawConnection().execute("UPDATE runs SET pid = ? WHERE id = ?", [pid, id])

        let run = try await database.open().run(id)
        #expect(run.status == .aborted)
        #expect(run.reason?.contains("pid \(pid)") == true)
        #expect(run.endedAt == started.addingTimeInterval(42))
        #expect(try await store.specs(run: id).count == 1)
    }

    @Test func aReusedPidDoesNotKeepADeadRunAlive() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        // Our own pid is alive, but the run's process started at another moment: the pid was reused.
        try database.rawConnection().execute("UPDATE runs SET process_start = ? WHERE id = ?", ["another-boot:12345", id])
        #expect(try await database.open().run(id).status == .aborted)
    }

    @Test func aRunOfAnotherHostIsLeftAlone() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let id = try await database.open().beginRun(NewRun(suite: "default"))
        let pid = try await EndedProcess.pid()
        try database.rawConnection().execute("UPDATE runs SET host = 'some-other-host', pid = ? WHERE id = ?", [pid, id])
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
