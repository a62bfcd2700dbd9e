import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct DeletionTests {
    static let tablesOfARun = [
        "spec_results", "samples", "summaries", "checks", "failures", "notes", "containers", "environments", "alerts",
    ]

    static func rowCounts(_ database: TestDatabase) async throws -> [Int] {
        var counts: [Int] = []
        for table in tablesOfARun { counts.append(try await database.count("SELECT count(*) FROM \(table)")) }
        return counts
    }

    @Test(arguments: StoreBackend.all) func deletingARunRemovesEverythingRecordedForIt(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let kept = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.full()])
        let doomed = try await store.storeRun(
            startedAt: date("2025-03-02T02:00:00.000Z"), specs: [SpecExamples.creation(), SpecExamples.full()])
        try await store.recordEnvironment(SpecExamples.environment, for: doomed)
        try await store.recordAlerts([AlertTests.alert("creation", baseline: kept)], for: doomed)
        let before = try await Self.rowCounts(database)

        try await store.deleteRun(doomed)
        await #expect(throws: StoreError.unknownRun(id: doomed)) { _ = try await store.run(doomed) }
        #expect(try await store.specs(run: kept).count == 1)
        let after = try await Self.rowCounts(database)
        #expect(after == [1, 4, 2, 2, 2, 2, 2, 0, 0])
        #expect(before != after)
        if backend == .sqlite {
            #expect(try await database.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        }
        await #expect(throws: StoreError.unknownRun(id: doomed)) { try await store.deleteRun(doomed) }
    }

    @Test(arguments: StoreBackend.all) func aBaselineRunIsDeletedOnlyWhenForced(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let run = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        try await store.setBaseline(name: "release", run: run)
        try await store.setBaseline(name: "nightly", run: run)
        let error = await #expect(throws: StoreError.self) { try await store.deleteRun(run) }
        #expect(error == .runIsBaseline(id: run, baselines: ["nightly", "release"]))
        #expect(error?.kind == .badInput)
        #expect(try await store.run(run).status == .completed)

        try await store.deleteRun(run, force: true)
        #expect(try await store.baselines().isEmpty)
        #expect(try await store.runs().isEmpty)
    }

    /// A run still measuring in a live process of this host is never deleted, forced or not: its
    /// process would lose everything. Another host's running run, whose process cannot be checked
    /// from here, goes only when forced.
    @Test(arguments: StoreBackend.all) func aRunningRunIsDeletedOnlyWhenItsProcessCannotBeMeasuring(
        backend: StoreBackend
    ) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let live = try await store.storeRun(status: .running, startedAt: date("2025-03-01T02:00:00.000Z"))
        let measuring = StoreError.runIsMeasuring(id: live, host: ProcessIdentity.hostName, pid: getpid())
        await #expect(throws: measuring) { try await store.deleteRun(live) }
        await #expect(throws: measuring) { try await store.deleteRun(live, force: true) }
        #expect(measuring.description.contains("process \(getpid())"))
        #expect(try await store.run(live).status == .running)

        let remote = try await store.storeRun(status: .running, startedAt: date("2025-03-02T02:00:00.000Z"))
        try await database.execute("UPDATE runs SET host = 'some-other-host', pid = 4242 WHERE id = $1", [.int(remote)])
        await #expect(throws: StoreError.runIsRunning(id: remote, host: "some-other-host", pid: 4242)) {
            try await store.deleteRun(remote)
        }
        try await store.deleteRun(remote, force: true)
        #expect(try await store.runs().map(\.id) == [live])
    }

    @Test(arguments: StoreBackend.all) func pruneKeepsRecentRunsBaselinesAndRunningRuns(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let now = date("2025-06-30T12:00:00.000Z")
        let ancient = try await store.storeRun(startedAt: date("2025-01-01T02:00:00.000Z"))
        let ancientBaseline = try await store.storeRun(startedAt: date("2025-01-02T02:00:00.000Z"))
        let ancientFailed = try await store.storeRun(status: .failed, startedAt: date("2025-01-03T02:00:00.000Z"))
        let ancientRunning = try await store.storeRun(status: .running, startedAt: date("2025-01-04T02:00:00.000Z"))
        let justInside = try await store.storeRun(startedAt: now.addingTimeInterval(-30 * 86_400 + 1))
        let recent = try await store.storeRun(startedAt: date("2025-06-29T02:00:00.000Z"))
        try await store.setBaseline(name: "release", run: ancientBaseline)
        try await store.recordAlerts([AlertTests.alert("creation", baseline: ancient)], for: recent)

        let outcome = try await store.prune(keepDays: 30, now: now)
        #expect(outcome.deletedRunIDs == [ancient, ancientFailed])
        #expect(outcome.keptForBaselines == [ancientBaseline])
        #expect(Set(try await store.runs().map(\.id)) == [ancientBaseline, ancientRunning, justInside, recent])
        // The alert outlives its baseline run, which it no longer names.
        #expect(try await store.alerts(run: recent).first?.baselineRunID == nil)
        if backend == .sqlite {
            #expect(try await database.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        }

        await #expect(throws: StoreError.negativeKeepDays(-1)) { _ = try await store.prune(keepDays: -1, now: now) }
        #expect(try await store.prune(keepDays: 0, now: now).deletedRunIDs == [justInside, recent])
    }
}
