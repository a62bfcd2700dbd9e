import BenchModel
import Foundation
import Testing

@testable import ResultsStore

@Suite struct RunLifecycleTests {
    @Test func aFullRunReadsBackAsItWasWritten() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let started = date("2025-03-01T02:00:00.123Z")
        let id = try store.beginRun(
            NewRun(
                suite: "default", label: "nightly", gitCommit: "0123456789abcdef0123456789abcdef01234567", toolVersion: "9.9.9",
                configurationJSON: #"{"iterations":10,"floor":0.3}"#, startedAt: started))
        #expect(try store.run(id).status == .running)
        try store.recordEnvironment(SpecExamples.environment, for: id)
        let specs = [SpecExamples.creation(), SpecExamples.full()]
        for spec in specs { try store.recordSpec(spec, for: id, recordedAt: started.addingTimeInterval(30)) }
        try store.finishRun(id, status: .completed, endedAt: started.addingTimeInterval(90.5))

        let run = try store.run(id)
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
        #expect(try store.environment(run: id) == SpecExamples.environment)

        let stored = try store.specs(run: id)
        #expect(stored.count == specs.count)
        for (read, written) in zip(stored, specs) {
            var expected = written
            expected.samples.sort { ($0.metric, $0.iteration) < ($1.metric, $1.iteration) }
            #expect(read == expected)
        }

        let expectedSummaries = specs.flatMap { spec in spec.metrics.compactMap { MetricSummary(metric: $0, values: spec.values(of: $0)) } }
        #expect(try store.summaries(run: id) == expectedSummaries.sorted { $0.metric < $1.metric })
        #expect(try store.samples(run: id, metric: "e2e.cycle_s").map(\.sample.iteration) == [0, 1, 3])
        #expect(try store.failures(run: id).map(\.spec) == ["e2e", "e2e"])
        #expect(try store.checks(run: id).map(\.check.name) == ["creation mean < 3 s", "e2e mean < 5 s", "speedup >= 2.0"])
    }

    @Test func aRunClosesOnceAndTakesResultsOnlyWhileRunning() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let id = try store.beginRun(NewRun(suite: "default"))
        try store.recordSpec(SpecExamples.creation(), for: id)
        #expect(throws: StoreError.specAlreadyRecorded(runID: id, spec: "creation")) {
            try store.recordSpec(SpecExamples.creation(), for: id)
        }
        #expect(throws: StoreError.finishedAsRunning(id: id)) { try store.finishRun(id, status: .running) }
        try store.finishRun(id, status: .failed, reason: "The image is missing.")
        #expect(try store.run(id).reason == "The image is missing.")
        #expect(throws: StoreError.runNotRunning(id: id, status: .failed)) { try store.finishRun(id, status: .completed) }
        #expect(throws: StoreError.runNotRunning(id: id, status: .failed)) { try store.recordSpec(SpecExamples.full(), for: id) }
        #expect(throws: StoreError.unknownRun(id: 999)) { try store.recordSpec(SpecExamples.full(), for: 999) }
        #expect(throws: StoreError.unknownRun(id: 999)) { _ = try store.run(999) }
        #expect(StoreError.unknownRun(id: 999).kind == .badInput)
    }

    @Test func aValueThatIsNotANumberIsKeptAsAFailure() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let id = try store.beginRun(NewRun(suite: "default"))
        var spec = SpecExamples.creation([0.3, 0.4])
        spec.samples.append(Sample(metric: .creationTime, iteration: 2, value: .nan))
        spec.samples.append(Sample(metric: "overhead_simple.overhead_pct", iteration: 0, value: .infinity))
        try store.recordSpec(spec, for: id)
        #expect(try store.samples(run: id).map(\.sample.value) == [0.3, 0.4])
        #expect(try store.summaries(run: id).map(\.n) == [2])
        #expect(try store.failures(run: id).map(\.failure.iteration) == [2, 0])
    }

    @Test func aConfirmationRunBelongsToItsParent() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let main = try store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        #expect(throws: StoreError.confirmationWithoutParent) {
            _ = try store.beginRun(NewRun(suite: "default", purpose: .confirmation))
        }
        #expect(throws: StoreError.unknownRun(id: 77)) {
            _ = try store.beginRun(NewRun(suite: "default", purpose: .confirmation, parentRunID: 77))
        }
        let confirmation = try store.storeRun(
            startedAt: date("2025-03-01T03:00:00.000Z"), purpose: .confirmation, parentRunID: main)
        #expect(try store.confirmations(of: main).map(\.id) == [confirmation])
        #expect(try store.latestCompletedRun()?.id == main)
        #expect(try store.history(metric: .creationTime).map(\.runID) == [main])
        #expect(try store.history(metric: .creationTime, includeConfirmations: true).map(\.runID) == [main, confirmation])
        #expect(try store.detail(run: main).confirmationRunIDs == [confirmation])
    }
}
