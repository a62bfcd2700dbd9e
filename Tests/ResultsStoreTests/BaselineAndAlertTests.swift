import BenchModel
import Foundation
import Testing

@testable import ResultsStore

@Suite struct BaselineTests {
    @Test(arguments: [RunStatus.failed, .aborted, .running])
    func onlyACompletedRunCanBeABaseline(status: RunStatus) throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let id = try store.storeRun(status: status, startedAt: date("2025-03-01T02:00:00.000Z"))
        let error = #expect(throws: StoreError.self) { try store.setBaseline(name: "nightly", run: id) }
        #expect(error == .baselineNeedsCompletedRun(id: id, status: status))
        #expect(error?.kind == .badInput)
        #expect(try store.baselines().isEmpty)
    }

    @Test func aBaselineIsSetMovedAndRemoved() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let first = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let second = try store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        try store.setBaseline(name: "release", run: first, note: "v1.0", createdAt: date("2025-03-01T05:00:00.000Z"))
        #expect(try store.baseline(named: "release") == BaselineRecord(name: "release", runID: first, createdAt: date("2025-03-01T05:00:00.000Z"), note: "v1.0"))
        try store.setBaseline(name: "release", run: second)
        try store.setBaseline(name: "another", run: second)
        #expect(try store.baselines().map(\.name) == ["another", "release"])
        #expect(try store.baseline(named: "release").runID == second)
        #expect(try store.baseline(named: "release").note == nil)
        try store.removeBaseline(named: "release")
        #expect(throws: StoreError.unknownBaseline(name: "release")) { _ = try store.baseline(named: "release") }
        #expect(throws: StoreError.unknownBaseline(name: "release")) { try store.removeBaseline(named: "release") }
        #expect(throws: StoreError.emptyBaselineName) { try store.setBaseline(name: " ", run: second) }
        #expect(throws: StoreError.unknownRun(id: 42)) { try store.setBaseline(name: "x", run: 42) }
    }
}

@Suite struct AlertTests {
    static func alert(_ rule: String, baseline: Int64?) -> AlertRecord {
        AlertRecord(
            baselineRunID: baseline, baselineName: "nightly", rule: rule, metric: .creationTime, baselineValue: 0.33,
            currentValue: 0.41, change: 0.2424, movedPhase: .start, message: "creation 0.330 s -> 0.410 s (+24.2 %)",
            createdAt: date("2025-03-03T03:00:00.000Z"))
    }

    @Test func gatingARunAgainReplacesItsAlerts() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let base = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let run = try store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        let alerts = [Self.alert("creation", baseline: base), Self.alert("efficiency", baseline: base)]
        try store.replaceAlerts(alerts, for: run)
        #expect(try store.alerts(run: run) == alerts)
        try store.replaceAlerts([Self.alert("cleanup", baseline: base)], for: run)
        #expect(try store.alerts(run: run).map(\.rule) == ["cleanup"])
        #expect(try store.overviews().first { $0.run.id == run }?.alertCount == 1)
        try store.replaceAlerts([], for: run)
        #expect(try store.alerts(run: run).isEmpty)
    }

    @Test func theFallbackBaselineIsTheLatestCompletedRunWithoutAlerts() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let neverGated = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let gatedClean = try store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        try store.replaceAlerts([], for: gatedClean)
        let alerted = try store.storeRun(startedAt: date("2025-03-03T02:00:00.000Z"))
        try store.replaceAlerts([Self.alert("creation", baseline: gatedClean)], for: alerted)
        try store.storeRun(status: .failed, startedAt: date("2025-03-04T02:00:00.000Z"))
        let candidate = try store.storeRun(startedAt: date("2025-03-05T02:00:00.000Z"))

        #expect(try store.latestCompletedRun(before: candidate)?.id == alerted)
        #expect(try store.latestCompletedRunWithoutAlerts(before: candidate)?.id == gatedClean)
        #expect(try store.latestCompletedRunWithoutAlerts(before: gatedClean)?.id == neverGated)
        #expect(try store.latestCompletedRunWithoutAlerts(before: neverGated) == nil)
        #expect(try store.latestCompletedRun()?.id == candidate)
    }
}
