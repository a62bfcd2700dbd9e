import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct BaselineTests {
    @Test(arguments: StoreBackend.all, [RunStatus.failed, .aborted, .running])
    func onlyACompletedRunCanBeABaseline(backend: StoreBackend, status: RunStatus) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let id = try await store.storeRun(status: status, startedAt: date("2025-03-01T02:00:00.000Z"))
        let error = await #expect(throws: StoreError.self) { try await store.setBaseline(name: "nightly", run: id) }
        #expect(error == .baselineNeedsCompletedRun(id: id, status: status))
        #expect(error?.kind == .badInput)
        #expect(try await store.baselines().isEmpty)
    }

    /// `café` typed as one character or as `e` and an accent is one name: set twice, it moves;
    /// looked up or removed in either spelling, it is found.
    @Test(arguments: StoreBackend.all) func twoSpellingsOfOneNameAreOneBaseline(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let first = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let second = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        let (composed, decomposed) = ("caf\u{E9}", "cafe\u{301}")
        try await store.setBaseline(name: composed, run: first)
        try await store.setBaseline(name: decomposed, run: second)
        let stored = try await store.baselines()
        #expect(stored.count == 1)
        #expect(stored.first.map { Array($0.name.unicodeScalars) } == Array(composed.unicodeScalars))
        for spelling in [composed, decomposed] {
            #expect(
                try await store.read { try $0.baseline(named: spelling, testbed: Testbed.defaultName)?.runID } == second
            )
        }
        try await store.removeBaseline(named: decomposed, testbed: Testbed.defaultName)
        #expect(try await store.baselines().isEmpty)
    }

    @Test(arguments: StoreBackend.all) func aBaselineIsSetMovedAndRemoved(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let first = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let second = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        try await store.setBaseline(
            name: "release", run: first, note: "v1.0", createdAt: date("2025-03-01T05:00:00.000Z"))
        #expect(
            try await store.baseline(named: "release")
                == BaselineRecord(
                    testbed: Testbed.defaultName, name: "release", runID: first,
                    createdAt: date("2025-03-01T05:00:00.000Z"), note: "v1.0"))
        try await store.setBaseline(name: "release", run: second)
        try await store.setBaseline(name: "another", run: second)
        #expect(try await store.baselines().map(\.name) == ["another", "release"])
        #expect(try await store.baseline(named: "release").runID == second)
        #expect(try await store.baseline(named: "release").note == nil)
        try await store.removeBaseline(named: "release", testbed: Testbed.defaultName)
        await #expect(throws: StoreError.unknownBaseline(name: "release")) {
            _ = try await store.baseline(named: "release")
        }
        await #expect(throws: StoreError.unknownBaseline(name: "release", testbed: Testbed.defaultName)) {
            try await store.removeBaseline(named: "release", testbed: Testbed.defaultName)
        }
        await #expect(throws: StoreError.invalidBaselineName(name: " ", reason: "a name must not be empty")) {
            try await store.setBaseline(name: " ", run: second)
        }
        for name in ["42", "latest", "007"] {
            await #expect(throws: StoreError.self) { try await store.setBaseline(name: name, run: second) }
        }
        try await store.setBaseline(name: "release\u{1B}[31m 2", run: second)
        #expect(try await store.baseline(named: "release\u{1B}[31m 2").runID == second)
        await #expect(throws: StoreError.unknownRun(id: 42)) { try await store.setBaseline(name: "x", run: 42) }
    }
}

@Suite(.temporaryDatabases) struct AlertTests {
    static func alert(_ rule: String, baseline: Int64?) -> AlertRecord {
        AlertRecord(
            baselineRunID: baseline, baselineName: "nightly", rule: rule, metric: .creationTime, baselineValue: 0.33,
            currentValue: 0.41, change: 0.2424, movedPhase: .start, message: "creation 0.330 s -> 0.410 s (+24.2 %)",
            createdAt: date("2025-03-03T03:00:00.000Z"))
    }

    @Test(arguments: StoreBackend.all) func gatingARunAgainReplacesItsAlerts(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let base = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let run = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        let alerts = [Self.alert("creation", baseline: base), Self.alert("efficiency", baseline: base)]
        try await store.recordAlerts(alerts, for: run)
        #expect(try await store.alerts(run: run) == alerts)
        try await store.recordAlerts([Self.alert("cleanup", baseline: base)], for: run)
        #expect(try await store.alerts(run: run).map(\.rule) == ["cleanup"])
        #expect(try await store.overviews().first { $0.run.id == run }?.alertCount == 1)
        try await store.recordAlerts([], for: run)
        #expect(try await store.alerts(run: run).isEmpty)
    }

    @Test(arguments: StoreBackend.all) func theFallbackBaselineIsTheLatestCompletedRunWithoutAlerts(
        backend: StoreBackend
    ) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let neverGated = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let gatedClean = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        try await store.recordAlerts([], for: gatedClean)
        let alerted = try await store.storeRun(startedAt: date("2025-03-03T02:00:00.000Z"))
        try await store.recordAlerts([Self.alert("creation", baseline: gatedClean)], for: alerted)
        try await store.storeRun(status: .failed, startedAt: date("2025-03-04T02:00:00.000Z"))
        let candidate = try await store.storeRun(startedAt: date("2025-03-05T02:00:00.000Z"))

        #expect(try await store.latestCompletedRun(before: candidate)?.id == alerted)
        #expect(try await store.latestCompletedRunWithoutAlerts(before: candidate)?.id == gatedClean)
        #expect(try await store.latestCompletedRunWithoutAlerts(before: gatedClean)?.id == neverGated)
        #expect(try await store.latestCompletedRunWithoutAlerts(before: neverGated) == nil)
        #expect(try await store.latestCompletedRun()?.id == candidate)
    }
}
