import BenchModel
import Foundation
import Testing

@testable import ResultsStore

@Suite struct DeletionTests {
    static let tablesOfARun = ["spec_results", "samples", "summaries", "checks", "failures", "notes", "containers", "environments", "alerts"]

    @Test func deletingARunRemovesEverythingRecordedForIt() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let kept = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.full()])
        let doomed = try store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"), specs: [SpecExamples.creation(), SpecExamples.full()])
        try store.recordEnvironment(SpecExamples.environment, for: doomed)
        try store.replaceAlerts([AlertTests.alert("creation", baseline: kept)], for: doomed)
        let before = try Self.tablesOfARun.map { try database.count("SELECT count(*) FROM \($0)") }

        try store.deleteRun(doomed)
        #expect(throws: StoreError.unknownRun(id: doomed)) { _ = try store.run(doomed) }
        #expect(try store.specs(run: kept).count == 1)
        let after = try Self.tablesOfARun.map { try database.count("SELECT count(*) FROM \($0)") }
        #expect(after == [1, 4, 2, 2, 2, 2, 2, 0, 0])
        #expect(before != after)
        #expect(try database.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        #expect(throws: StoreError.unknownRun(id: doomed)) { try store.deleteRun(doomed) }
    }

    @Test func aBaselineRunIsDeletedOnlyWhenForced() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let run = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        try store.setBaseline(name: "release", run: run)
        try store.setBaseline(name: "nightly", run: run)
        let error = #expect(throws: StoreError.self) { try store.deleteRun(run) }
        #expect(error == .runIsBaseline(id: run, baselines: ["nightly", "release"]))
        #expect(error?.kind == .badInput)
        #expect(try store.run(run).status == .completed)

        try store.deleteRun(run, force: true)
        #expect(try store.baselines().isEmpty)
        #expect(try store.runs().isEmpty)
    }

    @Test func aRunningRunIsDeletedOnlyWhenForced() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let run = try store.storeRun(status: .running, startedAt: date("2025-03-01T02:00:00.000Z"))
        #expect(throws: StoreError.runIsRunning(id: run)) { try store.deleteRun(run) }
        try store.deleteRun(run, force: true)
        #expect(try store.runs().isEmpty)
    }

    @Test func pruneKeepsRecentRunsBaselinesAndRunningRuns() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let now = date("2025-06-30T12:00:00.000Z")
        let ancient = try store.storeRun(startedAt: date("2025-01-01T02:00:00.000Z"))
        let ancientBaseline = try store.storeRun(startedAt: date("2025-01-02T02:00:00.000Z"))
        let ancientFailed = try store.storeRun(status: .failed, startedAt: date("2025-01-03T02:00:00.000Z"))
        let ancientRunning = try store.storeRun(status: .running, startedAt: date("2025-01-04T02:00:00.000Z"))
        let justInside = try store.storeRun(startedAt: now.addingTimeInterval(-30 * 86_400 + 1))
        let recent = try store.storeRun(startedAt: date("2025-06-29T02:00:00.000Z"))
        try store.setBaseline(name: "release", run: ancientBaseline)
        try store.replaceAlerts([AlertTests.alert("creation", baseline: ancient)], for: recent)

        let outcome = try store.prune(keepDays: 30, now: now)
        #expect(outcome.deletedRunIDs == [ancient, ancientFailed])
        #expect(outcome.keptForBaselines == [ancientBaseline])
        #expect(Set(try store.runs().map(\.id)) == [ancientBaseline, ancientRunning, justInside, recent])
        // The alert outlives its baseline run, which it no longer names.
        #expect(try store.alerts(run: recent).first?.baselineRunID == nil)
        #expect(try database.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)

        #expect(throws: StoreError.negativeKeepDays(-1)) { _ = try store.prune(keepDays: -1, now: now) }
        #expect(try store.prune(keepDays: 0, now: now).deletedRunIDs == [justInside, recent])
    }
}
