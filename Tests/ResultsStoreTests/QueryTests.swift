import BenchModel
import Foundation
import Testing

@testable import ResultsStore

@Suite struct QueryTests {
    @Test func historyHasAPointForEveryRunSoThatGapsShow() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let first = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation([0.3])])
        let failed = try store.storeRun(status: .failed, startedAt: date("2025-03-02T02:00:00.000Z"), specs: [])
        let aborted = try store.storeRun(status: .aborted, startedAt: date("2025-03-03T02:00:00.000Z"), specs: [SpecExamples.full()])
        let last = try store.storeRun(startedAt: date("2025-03-04T02:00:00.000Z"), specs: [SpecExamples.creation([0.5, 0.7])])

        let history = try store.history(metric: .creationTime)
        #expect(history.map(\.runID) == [first, failed, aborted, last])
        #expect(history.map(\.status) == [.completed, .failed, .aborted, .completed])
        #expect(history.map { $0.summary?.median } == [0.3, nil, nil, 0.6])
        #expect(history.last?.summary?.n == 2)
        #expect(try store.history(metric: .creationTime, limit: 2).map(\.runID) == [aborted, last])
        #expect(try store.history(metric: "no.such_metric_s").allSatisfy { $0.summary == nil })
    }

    @Test func runsAreListedNewestFirstWithTheirKeyFigures() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let parallel = SpecResult(spec: "parallel", samples: [Sample(metric: .parallelEfficiency, iteration: 0, value: 0.34)])
        let older = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation([0.3]), parallel])
        let failed = try store.storeRun(status: .failed, startedAt: date("2025-03-02T02:00:00.000Z"), specs: [])
        let newer = try store.storeRun(startedAt: date("2025-03-03T02:00:00.000Z"), label: "after upgrade")
        try store.setBaseline(name: "nightly", run: older)

        #expect(try store.runs().map(\.id) == [newer, failed, older])
        #expect(try store.runs(limit: 1).map(\.id) == [newer])
        #expect(try store.runs(statuses: [.failed]).map(\.id) == [failed])
        #expect(try store.runs(statuses: [.completed, .failed], purposes: [.main]).map(\.id) == [newer, failed, older])

        let overviews = try store.overviews()
        #expect(overviews.map(\.run.id) == [newer, failed, older])
        #expect(overviews[2].keyFigures == [MetricID.creationTime.rawValue: 0.3, MetricID.parallelEfficiency.rawValue: 0.34])
        #expect(overviews[1].keyFigures.isEmpty)
        #expect(overviews[2].baselines == ["nightly"])
        #expect(overviews[0].run.label == "after upgrade")
    }

    @Test func runSelectionsCoverOneRunARangeOrADate() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let ids = try (1...4).map { day in try store.storeRun(startedAt: date("2025-03-0\(day)T02:00:00.000Z")) }
        #expect(try store.runs(.run(ids[1])).map(\.id) == [ids[1]])
        #expect(try store.runs(.range(from: ids[1], to: ids[2])).map(\.id) == [ids[1], ids[2]])
        #expect(try store.runs(.since(date("2025-03-03T00:00:00.000Z"))).map(\.id) == [ids[2], ids[3]])
        #expect(throws: StoreError.invalidRange(from: 3, to: 2)) { _ = try store.runs(.range(from: 3, to: 2)) }
        #expect(throws: StoreError.unknownRun(id: 99)) { _ = try store.runs(.run(99)) }
    }

    @Test func everyLifecyclePhaseHasAColumn() {
        #expect(ResultsDatabase.phaseColumns == LifecyclePhase.allCases)
    }

    @Test func theDefaultPathFollowsFlagThenVariablesThenHome() {
        let home = ["HOME": "/home/ada"]
        #expect(DatabaseLocation.resolve(explicitPath: "/tmp/x.sqlite", environment: home.merging(["SANDBOX_BENCH_DB": "/e.sqlite"]) { $1 }) == "/tmp/x.sqlite")
        #expect(DatabaseLocation.resolve(explicitPath: nil, environment: home.merging(["SANDBOX_BENCH_DB": "/e.sqlite", "XDG_DATA_HOME": "/xdg"]) { $1 }) == "/e.sqlite")
        #expect(DatabaseLocation.resolve(explicitPath: nil, environment: home.merging(["XDG_DATA_HOME": "/xdg/"]) { $1 }) == "/xdg/sandbox-bench/results.sqlite")
        #expect(DatabaseLocation.resolve(explicitPath: nil, environment: home.merging(["XDG_DATA_HOME": "", "SANDBOX_BENCH_DB": ""]) { $1 }) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        #expect(DatabaseLocation.resolve(explicitPath: "", environment: home) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
    }
}
