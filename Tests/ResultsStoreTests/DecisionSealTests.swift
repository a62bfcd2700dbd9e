import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore

/// A decision changed outside sandbox-bench is refused as damage (exit 3) naming its run, on
/// both backends: a verdict set to `passed` beside its alerts, a baseline rewritten to another
/// run (with the document to match), a document edited. A decision as stored reads back.
@Suite(.temporaryDatabases) struct DecisionSealTests {
    /// Three runs — a baseline, another run, the run gated — and a reference to the baseline.
    static func runs(_ database: TestDatabase) async throws
        -> (store: any ResultsStore, base: Int64, other: Int64, run: Int64, reference: BaselineReference)
    {
        let store = try await database.open()
        let base = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        let other = try await store.storeRun(startedAt: date("2025-03-01T14:00:00.000Z"))
        let run = try await store.storeRun(startedAt: date("2025-03-02T02:00:00.000Z"))
        let reference = BaselineReference(
            kind: "run", name: nil, label: "run \(base)", runs: [.init(id: base, uuid: try await store.run(base).uuid)])
        return (store, base, other, run, reference)
    }

    /// The runs of ``runs(_:)``, the gated one with one alert.
    static func scene(_ database: TestDatabase) async throws -> (store: any ResultsStore, run: Int64, other: Int64) {
        let (store, base, other, run, reference) = try await runs(database)
        _ = try await store.recordDecision(
            DecisionRecord(
                runID: run, decidedAt: date("2025-03-02T03:00:00.000Z"), toolVersion: "1.0", passed: false,
                alertCount: 1, baseline: reference, document: #"{"baseline":{"id":\#(base)}}"#),
            alerts: [AlertTests.alert("creation-slowdown", baseline: base)])
        return (store, run, other)
    }

    static func expectDamage(_ store: any ResultsStore, run: Int64, saying words: String) async {
        let error = await #expect(throws: StoreError.self) { _ = try await store.decisions(run: run) }
        guard case .damaged(_, let message) = error else {
            Issue.record("expected damage, got \(String(describing: error))")
            return
        }
        #expect(message.contains("decision 1 of run \(run)"), "\(message)")
        #expect(message.contains(words), "\(message)")
        #expect(error?.kind == .environment)
        await #expect(throws: StoreError.self) { _ = try await store.read { try $0.latestDecisions(runs: [run]) } }
    }

    @Test(arguments: StoreBackend.all) func aDecisionAsStoredReadsBack(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, _) = try await Self.scene(database)
        #expect(try await store.decisions(run: run).map(\.verdict) == [.alert])
        #expect(try await database.count("SELECT count(*) FROM decisions WHERE digest LIKE 'sha256:%'") == 1)
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func aVerdictSetToPassedIsDamage(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, _) = try await Self.scene(database)
        try await database.execute("UPDATE decisions SET verdict = 'passed', alert_count = 0")
        await Self.expectDamage(store, run: run, saying: "it says passed beside 1 alert(s)")
        // With its alerts deleted too, the digest still tells.
        try await database.execute("DELETE FROM alerts")
        await Self.expectDamage(store, run: run, saying: "the content its digest seals")
        await store.close()
    }

    @Test(arguments: StoreBackend.all) func aBaselineRewrittenToAnotherRunIsDamage(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let (store, run, other) = try await Self.scene(database)
        let uuid = try await store.run(other).uuid.uuidString
        try await database.execute(
            "UPDATE decisions SET baseline_runs = $1, document = $2, baseline_label = $3",
            [
                .text(#"[{"id":\#(other),"uuid":"\#(uuid)"}]"#), .text(#"{"baseline":{"id":\#(other)}}"#),
                .text("run \(other)"),
            ])
        await Self.expectDamage(store, run: run, saying: "the content its digest seals")
        await store.close()
    }
}
