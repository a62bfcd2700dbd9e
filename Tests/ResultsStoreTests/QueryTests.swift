import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct QueryTests {
    @Test(arguments: StoreBackend.all) func historyHasAPointForEveryRunSoThatGapsShow(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let first = try await store.storeRun(
            startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation([0.3])])
        let failed = try await store.storeRun(status: .failed, startedAt: date("2025-03-02T02:00:00.000Z"), specs: [])
        let aborted = try await store.storeRun(
            status: .aborted, startedAt: date("2025-03-03T02:00:00.000Z"), specs: [SpecExamples.full()])
        let last = try await store.storeRun(
            startedAt: date("2025-03-04T02:00:00.000Z"), specs: [SpecExamples.creation([0.5, 0.7])])

        let history = try await store.history(metric: .creationTime)
        #expect(history.map(\.runID) == [first, failed, aborted, last])
        #expect(history.map(\.status) == [.completed, .failed, .aborted, .completed])
        #expect(history.map { $0.summary?.median } == [0.3, nil, nil, 0.6])
        #expect(history.last?.summary?.n == 2)
        #expect(try await store.history(metric: .creationTime, limit: 2).map(\.runID) == [aborted, last])
        #expect(try await store.history(metric: "no.such_metric_s").allSatisfy { $0.summary == nil })
    }

    @Test(arguments: StoreBackend.all) func runsAreListedNewestFirstWithTheirKeyFigures(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let parallel = SpecResult(
            spec: "parallel", samples: [Sample(metric: .parallelEfficiency, iteration: 0, value: 0.34)])
        let older = try await store.storeRun(
            startedAt: date("2025-03-01T02:00:00.000Z"), specs: [SpecExamples.creation([0.3]), parallel])
        let failed = try await store.storeRun(status: .failed, startedAt: date("2025-03-02T02:00:00.000Z"), specs: [])
        let newer = try await store.storeRun(startedAt: date("2025-03-03T02:00:00.000Z"), label: "after upgrade")
        try await store.setBaseline(name: "nightly", run: older)

        #expect(try await store.runs().map(\.id) == [newer, failed, older])
        #expect(try await store.runs(RunQuery(limit: 1)).map(\.id) == [newer])
        #expect(try await store.runs(RunQuery(statuses: [.failed])).map(\.id) == [failed])
        #expect(
            try await store.runs(RunQuery(statuses: [.completed, .failed], purposes: [.main])).map(\.id) == [
                newer, failed, older,
            ])

        let overviews = try await store.overviews()
        #expect(overviews.map(\.run.id) == [newer, failed, older])
        #expect(
            overviews[2].keyFigures == [
                MetricID.creationTime.rawValue: 0.3, MetricID.parallelEfficiency.rawValue: 0.34,
            ])
        #expect(overviews[1].keyFigures.isEmpty)
        #expect(overviews[2].baselines == ["nightly"])
        #expect(overviews[0].run.label == "after upgrade")
    }

    @Test(arguments: StoreBackend.all) func runQueriesSelectByIdRangeDateAndParent(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        var ids: [Int64] = []
        for day in 1...4 { ids.append(try await store.storeRun(startedAt: date("2025-03-0\(day)T02:00:00.000Z"))) }
        #expect(
            try await store.runs(RunQuery(ids: ids[1]...ids[2], order: .oldestFirst)).map(\.id) == [ids[1], ids[2]])
        #expect(
            try await store.runs(RunQuery(since: date("2025-03-03T00:00:00.000Z"), order: .oldestFirst)).map(\.id) == [
                ids[2], ids[3],
            ])
        #expect(try await store.runs(RunQuery(since: date("2025-03-03T00:00:00.000Z"))).map(\.id) == [ids[3], ids[2]])
        let third = try await store.run(ids[2])
        #expect(try await store.runs(RunQuery(before: third)).map(\.id) == [ids[1], ids[0]])
        #expect(try await store.runs(RunQuery(before: third, limit: 1)).map(\.id) == [ids[1]])
        #expect(try await store.runs(RunQuery(parent: ids[0])).isEmpty)
    }

    @Test(arguments: StoreBackend.all) func everyLifecyclePhaseHasAColumn(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        _ = try await database.open()
        let columns = try await database.columns(of: "samples")
        for phase in LifecyclePhase.allCases {
            #expect(columns.contains(RecordedSample.column(of: phase)))
        }
    }
}
