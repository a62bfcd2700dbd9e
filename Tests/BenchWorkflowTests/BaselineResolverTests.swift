import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// Baseline resolution against a real database: named, default, fallback, window, never a failed run.
@Suite struct BaselineResolverTests {
    /// A store with runs 1…n stored one hour apart; `statuses` gives each run's status.
    static func store(_ statuses: [RunStatus], in temporary: TemporaryStore) async throws -> any ResultsStore {
        let store = try await temporary.open()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for (index, status) in statuses.enumerated() {
            let id = try await store.beginRun(
                NewRun(suite: "quick", startedAt: start.addingTimeInterval(Double(index) * 3600)))
            try await store.recordSpec(
                SpecResult(spec: "creation", samples: [Sample(metric: .creationTime, iteration: 0, value: 0.2)]),
                for: id)
            try await store.finishRun(id, status: status, reason: status == .completed ? nil : "test")
        }
        return store
    }

    @Test func withoutAnyBaselineTheLatestCleanCompletedRunBeforeTheCandidateIsUsed() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.completed, .completed, .failed, .aborted, .completed], in: temporary)
        #expect(try await store.resolveBaseline(for: 5)?.runIDs == [2])
        // A run that raised an alert is skipped by the fallback.
        try await store.recordAlerts(
            [
                AlertRecord(
                    baselineRunID: 1, baselineName: nil, rule: "creation-slowdown", metric: .creationTime,
                    baselineValue: 0.2,
                    currentValue: 0.3, change: 0.5, message: "slower")
            ], for: 2)
        #expect(try await store.resolveBaseline(for: 5)?.runIDs == [1])
        #expect(try await store.resolveBaseline(for: 1) == nil)
    }

    @Test func theBaselineCalledDefaultWinsOverTheFallback() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.completed, .completed, .completed], in: temporary)
        try await store.setBaseline(name: "default", run: 1)
        let resolution = try #require(try await store.resolveBaseline(for: 3))
        #expect(resolution.runIDs == [1])
        #expect(resolution.name == "default")
        #expect(resolution.label == "baseline \"default\" (run 1)")
    }

    @Test func aNamedBaselineARunIdAndLatestAreHonoured() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.completed, .completed, .completed, .completed], in: temporary)
        try await store.setBaseline(name: "before-upgrade", run: 2)
        #expect(try await store.resolveBaseline(for: 4, requested: "before-upgrade")?.runIDs == [2])
        #expect(try await store.resolveBaseline(for: 4, requested: "1")?.runIDs == [1])
        #expect(try await store.resolveBaseline(for: 4, requested: "latest")?.runIDs == [3])
        await #expect(throws: StoreError.unknownBaseline(name: "nope", testbed: Testbed.defaultName)) {
            try await store.resolveBaseline(for: 4, requested: "nope")
        }
    }

    @Test func aFailedOrAbortedRunIsNeverABaseline() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.failed, .aborted, .completed], in: temporary)
        #expect(try await store.resolveBaseline(for: 3) == nil)
        #expect(try await store.resolveBaseline(for: 3, requested: "latest") == nil)
        #expect(try await store.resolveBaseline(for: 3, window: 5) == nil)
        await #expect(throws: ComparisonInputError.notCompleted(id: 1, status: .failed)) {
            try await store.resolveBaseline(for: 3, requested: "1")
        }
        await #expect(throws: StoreError.self) { try await store.setBaseline(name: "x", run: 2) }
    }

    @Test func aWindowTakesTheLastKCompletedRunsBeforeTheCandidateOldestFirst() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store(
            [.completed, .completed, .failed, .completed, .completed, .completed], in: temporary)
        let resolution = try #require(try await store.resolveBaseline(for: 6, window: 3))
        #expect(resolution.runIDs == [2, 4, 5])
        #expect(resolution.label == "median of the 3 runs 2, 4, 5")
    }

    @Test func theCandidateIsTheLatestCompletedRunOrTheIdGiven() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.completed, .failed, .aborted], in: temporary)
        #expect(try await store.candidate(nil).id == 1)
        #expect(try await store.candidate("latest").id == 1)
        // The runs it passed over are said, newest first, never skipped silently.
        let choice = try await store.read { try BaselineResolver($0).choose(nil) }
        #expect(choice.newerUnfinished.map(\.id) == [3, 2])
        #expect(
            choice.note
                == "Runs 3 (aborted: test), 2 (failed: test) are newer but did not complete; this is run 1, the latest "
                + "completed run.")
        #expect(try await store.read { try BaselineResolver($0).choose("2") }.note == nil)
        #expect(try await store.candidate("2").id == 2)
        #expect(try await store.candidate("1").id == 1)
        await #expect(throws: ComparisonInputError.notARun("yesterday")) { try await store.candidate("yesterday") }
        await #expect(throws: StoreError.unknownRun(id: 9)) { try await store.candidate("9") }
    }
}

extension BaselineResolverTests {
    /// Before any run completed, `latest` is the latest run whatever its status: a failed run is gated too.
    @Test func withoutACompletedRunTheLatestRunIsTheCandidate() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store([.failed, .aborted], in: temporary)
        let choice = try await store.read { try BaselineResolver($0).choose(nil) }
        #expect(choice.run.id == 2)
        #expect(choice.note == nil)
    }

    /// A run whose verdict failed for a missing metric (it lost its samples) is no reference either.
    @Test func theFallbackSkipsARunWhoseVerdictDidNotPass() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store(Array(repeating: .completed, count: 12), in: temporary)
        for id in Int64(2)...11 {
            try await store.recordDecision(
                DecisionRecord(
                    runID: id, decidedAt: Date(), toolVersion: "test", verdict: .missing, alertCount: 0,
                    missingCount: 1, baseline: .none, document: "{}"),
                alerts: [])
        }
        #expect(try await store.resolveBaseline(for: 12)?.runIDs == [1])
        #expect(try await store.resolveBaseline(for: 12)?.kind == "fallback")
    }
}

extension BaselineResolverTests {
    /// A window never takes a run whose verdict failed (an alert, a missing metric): after K/2
    /// alerting nights the same regression would otherwise be half its own reference. The
    /// runs passed over are named in the label; a window with nothing clean is refused.
    @Test func aWindowSkipsRunsWhoseVerdictFailedAndSaysSo() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await Self.store(Array(repeating: .completed, count: 6), in: temporary)
        for (id, verdict) in [(Int64(3), GateVerdict.alert), (4, .missing), (5, .passed)] {
            try await store.recordDecision(
                DecisionRecord(
                    runID: id, decidedAt: Date(), toolVersion: "test", verdict: verdict,
                    alertCount: verdict == .alert ? 1 : 0, missingCount: verdict == .missing ? 1 : 0,
                    baseline: .none, document: "{}"),
                alerts: [])
        }
        // Never gated, but alerts were stored with it: not clean either.
        try await store.recordAlerts(
            [
                AlertRecord(
                    baselineRunID: 1, baselineName: nil, rule: "creation-slowdown", metric: .creationTime,
                    baselineValue: 0.2, currentValue: 0.3, change: 0.5, message: "slower")
            ], for: 2)
        let resolution = try #require(try await store.resolveBaseline(for: 6, window: 2))
        #expect(resolution.runIDs == [1, 5])
        #expect(resolution.label == "median of the 2 runs 1, 5 (skipped runs 2, 3, 4: their verdict failed)")
        #expect(try await store.resolveBaseline(for: 6, window: 1)?.label == "run 5")
        #expect(try await store.resolveBaseline(for: 5, window: 3)?.runIDs == [1])
        await #expect(throws: ComparisonInputError.noCleanRunInWindow(run: 3, skipped: [2])) {
            try await store.resolveBaseline(for: 3, window: 3, excluding: 1)
        }
    }
}

extension ResultsStore {
    func resolveBaseline(for id: Int64, requested: String? = nil, window: Int? = nil) async throws -> BaselineResolver
        .Resolution?
    {
        try await read { try BaselineResolver($0).resolve(for: try $0.run(id), requested: requested, window: window) }
    }

    /// The window as resolved after run `excluding` is deleted.
    func resolveBaseline(for id: Int64, window: Int, excluding: Int64) async throws -> BaselineResolver.Resolution? {
        try await deleteRun(excluding)
        return try await resolveBaseline(for: id, window: window)
    }

    func candidate(_ text: String?) async throws -> RunRecord {
        try await read { try BaselineResolver($0).candidate(text) }
    }
}
