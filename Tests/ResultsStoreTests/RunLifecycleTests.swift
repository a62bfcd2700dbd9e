import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

@Suite(.temporaryDatabases) struct RunLifecycleTests {
    @Test(arguments: StoreBackend.all) func aFullRunReadsBackAsItWasWritten(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let started = date("2025-03-01T02:00:00.123Z")
        let id = try await store.beginRun(
            NewRun(
                suite: "default", label: "nightly", gitCommit: "0123456789abcdef0123456789abcdef01234567",
                toolVersion: "9.9.9",
                configurationJSON: #"{"iterations":10,"floor":0.3}"#, startedAt: started))
        #expect(try await store.run(id).status == .running)
        try await store.recordEnvironment(SpecExamples.environment, for: id)
        let specs = [SpecExamples.creation(), SpecExamples.full()]
        for spec in specs { try await store.recordSpec(spec, for: id, recordedAt: started.addingTimeInterval(30)) }
        try await store.finishRun(id, status: .completed, reason: nil, endedAt: started.addingTimeInterval(90.5))

        let run = try await store.run(id)
        #expect(run.status == .completed)
        #expect(run.reason == nil)
        #expect(run.startedAt == started)
        #expect(run.endedAt == started.addingTimeInterval(90.5))
        #expect(run.label == "nightly")
        #expect(run.gitCommit == "0123456789abcdef0123456789abcdef01234567")
        #expect(run.toolVersion == "9.9.9")
        #expect(run.configurationJSON == #"{"iterations":10,"floor":0.3}"#)
        #expect(run.purpose == .main)
        #expect(run.pid == getpid())
        #expect(try await store.environment(run: id) == SpecExamples.environment)

        let stored = try await store.specs(run: id)
        #expect(stored.count == specs.count)
        for (read, written) in zip(stored, specs) {
            var expected = written
            expected.samples.sort { ($0.metric, $0.iteration) < ($1.metric, $1.iteration) }
            #expect(read == expected)
        }

        let expectedSummaries = specs.flatMap { spec in
            spec.metrics.compactMap { MetricSummary(metric: $0, values: spec.values(of: $0)) }
        }
        #expect(try await store.summaries(run: id) == expectedSummaries.sorted { $0.metric < $1.metric })
        #expect(try await store.samples(run: id, metric: "e2e.cycle_s").map(\.sample.iteration) == [0, 1, 3])
        #expect(try await store.failures(run: id).map(\.spec) == ["e2e", "e2e"])
        #expect(
            try await store.checks(run: id).map(\.check.name) == [
                "creation mean < 3 s", "e2e mean < 5 s", "speedup >= 2.0",
            ])
    }

    @Test(arguments: StoreBackend.all) func aRunClosesOnceAndTakesResultsOnlyWhileRunning(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let id = try await store.beginRun(NewRun(suite: "default"))
        try await store.recordSpec(SpecExamples.creation(), for: id)
        await #expect(throws: StoreError.specAlreadyRecorded(runID: id, spec: "creation")) {
            try await store.recordSpec(SpecExamples.creation(), for: id)
        }
        await #expect(throws: StoreError.finishedAsRunning(id: id)) { try await store.finishRun(id, status: .running) }
        try await store.finishRun(id, status: .failed, reason: "The image is missing.")
        #expect(try await store.run(id).reason == "The image is missing.")
        await #expect(throws: StoreError.runNotRunning(id: id, status: .failed)) {
            try await store.finishRun(id, status: .completed)
        }
        await #expect(throws: StoreError.runNotRunning(id: id, status: .failed)) {
            try await store.recordSpec(SpecExamples.full(), for: id)
        }
        await #expect(throws: StoreError.unknownRun(id: 999)) {
            try await store.recordSpec(SpecExamples.full(), for: 999)
        }
        await #expect(throws: StoreError.unknownRun(id: 999)) { try await store.finishRun(999, status: .completed) }
        await #expect(throws: StoreError.unknownRun(id: 999)) {
            try await store.recordEnvironment(EnvironmentFingerprint(host: "h"), for: 999)
        }
        await #expect(throws: StoreError.unknownRun(id: 999)) { _ = try await store.run(999) }
        // A refused spec leaves nothing behind: the run holds the first creation spec's samples only.
        #expect(try await store.samples(run: id, metric: nil).count == SpecExamples.creation().samples.count)
        #expect(try await store.summaries(run: id).map(\.metric) == [.creationTime])
        #expect(StoreError.unknownRun(id: 999).kind == .badInput)
    }

    @Test(arguments: StoreBackend.all) func aValueThatIsNotANumberIsKeptAsAFailure(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let id = try await store.beginRun(NewRun(suite: "default"))
        var spec = SpecExamples.creation([0.3, 0.4])
        spec.samples.append(Sample(metric: .creationTime, iteration: 2, value: .nan))
        spec.samples.append(Sample(metric: "overhead_simple.overhead_pct", iteration: 0, value: .infinity))
        try await store.recordSpec(spec, for: id)
        #expect(try await store.samples(run: id).map(\.sample.value) == [0.3, 0.4])
        #expect(try await store.summaries(run: id).map(\.n) == [2])
        #expect(try await store.failures(run: id).map(\.failure.iteration) == [2, 0])
    }

    @Test(arguments: StoreBackend.all) func aConfirmationRunBelongsToItsParent(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let main = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        await #expect(throws: StoreError.confirmationWithoutParent) {
            _ = try await store.beginRun(NewRun(suite: "default", purpose: .confirmation))
        }
        await #expect(throws: StoreError.unknownRun(id: 77)) {
            _ = try await store.beginRun(NewRun(suite: "default", purpose: .confirmation, parentRunID: 77))
        }
        let confirmation = try await store.storeRun(
            startedAt: date("2025-03-01T03:00:00.000Z"), purpose: .confirmation, parentRunID: main)
        #expect(try await store.confirmations(of: main).map(\.id) == [confirmation])
        #expect(try await store.latestCompletedRun()?.id == main)
        #expect(try await store.history(metric: .creationTime).map(\.runID) == [main])
        #expect(
            try await store.history(metric: .creationTime, includeConfirmations: true).map(\.runID) == [
                main, confirmation,
            ])
        #expect(try await store.detail(run: main).confirmationRunIDs == [confirmation])
    }
}
