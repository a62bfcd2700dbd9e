import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// Run identity (UUIDs), testbeds, baselines per testbed, and stored gate decisions.
@Suite(.temporaryDatabases) struct IdentityAndTestbedTests {
    @Test(arguments: StoreBackend.all) func everyRunHasItsOwnUUIDAndADuplicateIsRefused(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let given = UUID()
        let first = try await store.beginRun(NewRun(suite: "quick", uuid: given))
        let second = try await store.beginRun(NewRun(suite: "quick"))
        #expect(try await store.run(first).uuid == given)
        #expect(try await store.run(second).uuid != given)
        #expect(try await store.read { try $0.run(uuid: given) }?.id == first)
        #expect(try await store.read { try $0.run(uuid: UUID()) } == nil)
        await #expect(throws: StoreError.duplicateRun(uuid: given.uuidString.lowercased())) {
            _ = try await store.beginRun(NewRun(suite: "quick", uuid: given))
        }
        #expect(try await store.runs().count == 2)
        // The schema keeps a run without an identity out, whatever writes it.
        await #expect(throws: (any Error).self) {
            try await database.execute(
                "INSERT INTO runs (started_at, suite, tool_version, host, pid, process_start) VALUES ('2025-01-01T00:00:00.000Z', 'x', 'x', 'h', 1, 's')"
            )
        }
    }

    @Test(arguments: StoreBackend.all) func queriesAndBaselinesStayWithinATestbed(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        func run(_ testbed: String, day: Int) async throws -> Int64 {
            let id = try await store.beginRun(
                NewRun(suite: "quick", startedAt: date("2025-03-0\(day)T02:00:00.000Z"), testbed: testbed))
            try await store.finishRun(id, status: .completed)
            return id
        }
        let a1 = try await run("host-a", day: 1)
        let b1 = try await run("host-b", day: 2)
        let a2 = try await run("host-a", day: 3)
        let b2 = try await run("host-b", day: 4)
        #expect(try await store.runs(RunQuery(testbed: "host-a")).map(\.id) == [a2, a1])
        let candidate = try await store.run(a2)
        #expect(try await store.runs(.completedMainRuns(before: candidate)).map(\.id) == [a1])
        #expect(try await store.read { try $0.latestMainRun(testbed: "host-b") }?.id == b2)

        try await store.setBaseline(name: "default", run: a1)
        try await store.setBaseline(name: "default", run: b1)
        let baselines = try await store.baselines()
        #expect(
            baselines.map { "\($0.testbed)/\($0.name)→\($0.runID)" } == [
                "host-a/default→\(a1)", "host-b/default→\(b1)",
            ])
        try await store.setBaseline(name: "default", run: b2)
        #expect(try await store.read { try $0.baseline(named: "default", testbed: "host-a") }?.runID == a1)
        try await store.removeBaseline(named: "default", testbed: "host-b")
        #expect(try await store.baselines().map(\.testbed) == ["host-a"])
        await #expect(throws: StoreError.unknownBaseline(name: "default", testbed: "host-b")) {
            try await store.removeBaseline(named: "default", testbed: "host-b")
        }
    }

    @Test(arguments: StoreBackend.all, ["", "  ", "a\u{1B}[31mb", "line\nbreak", String(repeating: "x", count: 201)])
    func aTestbedNameThatCannotBeShownIsRefused(backend: StoreBackend, name: String) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        await #expect(throws: StoreError.self) { _ = try await store.beginRun(NewRun(suite: "quick", testbed: name)) }
        #expect(try await store.runs().isEmpty)
    }

    @Test(arguments: StoreBackend.all) func everyDecisionIsKeptAndTheLatestIsTheVerdict(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let base = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let run = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        let baseRecord = try await store.run(base)
        let reference = BaselineReference(
            kind: "named", name: "default", label: "baseline \"default\"",
            runs: [.init(id: base, uuid: baseRecord.uuid)])
        let alert = AlertTests.alert("creation-slowdown", baseline: base)
        let first = DecisionRecord(
            runID: run, decidedAt: date("2025-03-02T03:00:00.000Z"), toolVersion: "1.0", passed: false, alertCount: 1,
            baseline: reference, document: #"{"strict":true}"#)
        let firstID = try await store.recordDecision(first, alerts: [alert])
        #expect(try await store.alerts(run: run) == [alert])
        let second = DecisionRecord(
            runID: run, decidedAt: date("2025-03-02T04:00:00.000Z"), toolVersion: "1.0", passed: true, alertCount: 0,
            baseline: reference, document: #"{"strict":false}"#)
        let secondID = try await store.recordDecision(second, alerts: [])
        #expect(secondID > firstID)

        let decisions = try await store.decisions(run: run)
        #expect(decisions.map(\.id) == [firstID, secondID])
        var expected = first
        expected.id = firstID
        #expect(decisions.first == expected)
        #expect(try await store.alerts(run: run).isEmpty)
        #expect(try await store.read { try $0.latestDecisions(runs: [base, run]) }.mapValues(\.passed) == [run: true])
        #expect(try await store.detail(run: run).decisions.count == 2)
        #expect(try await database.count("SELECT count(*) FROM v_decisions WHERE is_latest") == 1)

        try await store.deleteRun(run)
        #expect(try await database.count("SELECT count(*) FROM decisions") == 0)
    }
}

/// A run moved between stores keeps its identity and everything recorded for it.
@Suite(.temporaryDatabases) struct PortableRunTests {
    @Test(arguments: StoreBackend.all, StoreBackend.all)
    func aRunMovesToAnotherStoreWholeAndOnlyOnce(from sourceBackend: StoreBackend, to targetBackend: StoreBackend)
        async throws
    {
        let source = try await TestDatabase.make(sourceBackend, name: "source.sqlite")
        let target = try await TestDatabase.make(targetBackend, name: "target.sqlite")
        defer {
            source.remove()
            target.remove()
        }
        let from = try await source.open()
        let base = try await from.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let run = try await from.storeRun(
            startedAt: date("2025-03-02T02:00:00.000Z"), label: "moved",
            specs: [SpecExamples.creation(), SpecExamples.full()])
        try await from.recordEnvironment(SpecExamples.environment, for: run)
        try await from.recordAlerts(
            [AlertTests.alert("creation-slowdown", baseline: base)], for: run, at: date("2025-03-02T03:00:00.000Z"))
        let confirmation = try await from.storeRun(
            startedAt: date("2025-03-02T04:00:00.000Z"), purpose: .confirmation, parentRunID: run)
        let portable = try await from.read { try $0.portableRun(run) }

        let to = try await target.open()
        _ = try await to.storeRun(startedAt: date("2025-01-01T02:00:00.000Z"))  // ids differ between the stores
        let outcome = try await to.importRun(portable)
        guard case .stored(let id) = outcome else {
            Issue.record("expected the run to be stored, got \(outcome)")
            return
        }
        #expect(try await to.importRun(portable) == .alreadyPresent(id: id))
        var copied = try await to.read { try $0.portableRun(id) }
        #expect(copied.run.id == id)
        #expect(copied.run.uuid == portable.run.uuid)
        copied.run.id = portable.run.id
        copied.decisions = copied.decisions.map {
            var d = $0
            d.id = nil
            d.runID = run
            return d
        }
        var expected = portable
        expected.decisions = expected.decisions.map {
            var d = $0
            d.id = nil
            return d
        }
        // The baseline run is not in the target store: the alert no longer names its id.
        expected.alerts = expected.alerts.map {
            var a = $0
            a.baselineRunID = nil
            return a
        }
        expected.decisions = expected.decisions.map {
            var d = $0
            d.baseline.runs = d.baseline.runs.map { .init(id: nil, uuid: $0.uuid) }
            return d
        }
        #expect(copied == expected)

        // A confirmation run finds its parent by UUID.
        let moved = try await to.importRun(try await from.read { try $0.portableRun(confirmation) })
        #expect(try await to.run(moved.id).parentRunID == id)
        #expect(try await to.run(moved.id).purpose == .confirmation)
    }
}
