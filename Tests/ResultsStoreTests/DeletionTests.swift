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

    /// `prune --testbed`: only that testbed's old runs go; its baseline's run and the run a verdict
    /// of a newer run compared with stay (named by UUID alone, as a baseline file names it); the
    /// run that only a kept run's own verdict compared with goes; the other testbed is untouched.
    @Test(arguments: StoreBackend.all) func prunePerTestbedKeepsWhatItsVerdictsComparedWith(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let now = date("2025-06-30T12:00:00.000Z")
        func run(_ day: String, _ testbed: String) async throws -> Int64 {
            try await store.storeRun(startedAt: date("2025-\(day)T02:00:00.000Z"), testbed: testbed)
        }
        func decide(_ runID: Int64, comparedWith baseline: Int64, byID: Bool) async throws {
            let reference = BaselineReference(
                kind: "run", name: nil, label: "run \(baseline)",
                runs: [.init(id: byID ? baseline : nil, uuid: try await store.run(baseline).uuid)])
            _ = try await store.recordDecision(
                DecisionRecord(
                    runID: runID, decidedAt: now, toolVersion: "test", passed: true, alertCount: 0,
                    baseline: reference, document: "{}"),
                alerts: [])
        }
        let ancient = try await run("01-01", "rack-a")
        let chained = try await run("01-02", "rack-a")
        let baseline = try await run("01-03", "rack-a")
        let compared = try await run("01-04", "rack-a")
        let recent = try await run("06-29", "rack-a")
        let otherAncient = try await run("01-01", "rack-b")
        let otherRecent = try await run("06-29", "rack-b")
        try await store.setBaseline(name: "default", run: baseline)
        try await decide(recent, comparedWith: compared, byID: false)
        try await decide(compared, comparedWith: chained, byID: true)
        // rack-b's verdict names a rack-a run: a run of a testbed not pruned stays, so it keeps it.
        try await decide(otherRecent, comparedWith: ancient, byID: true)

        let dry = try await store.prune(keepDays: 30, now: now, dryRun: true, testbed: "rack-a")
        #expect(dry.deletedRunIDs == [chained])
        #expect(dry.keptForBaselines == [baseline])
        #expect(dry.keptForDecisions == [ancient, compared])
        #expect(dry.testbed == "rack-a" && dry.dryRun)
        #expect(try await store.runs().count == 7)

        let outcome = try await store.prune(keepDays: 30, now: now, testbed: "rack-a")
        #expect(outcome.deletedRunIDs == [chained])
        #expect(outcome.keptForDecisions == [ancient, compared])
        #expect(
            Set(try await store.runs().map(\.id)) == [ancient, baseline, compared, recent, otherAncient, otherRecent])
        #expect(try await store.prune(keepDays: 30, now: now, testbed: "rack-c").deletedRunIDs.isEmpty)

        // Without a testbed every testbed is considered: rack-b's old run goes; once the verdicts'
        // own runs are old enough to go too, nothing keeps the runs they compared with.
        let everything = try await store.prune(keepDays: 30, now: now)
        #expect(everything.deletedRunIDs == [otherAncient])
        #expect(everything.keptForDecisions == [ancient, compared])
        #expect(
            try await store.prune(keepDays: 0, now: now).deletedRunIDs == [ancient, compared, recent, otherRecent])
        #expect(Set(try await store.runs().map(\.id)) == [baseline])
    }
}
