import BenchModel
import Foundation
import Regression
import ResultsStore
import TestSupport
import Testing

/// Baseline resolution against a real database: named, default, fallback, window, never a failed run.
@Suite struct BaselineResolverTests {
    /// A database with runs 1…n stored one hour apart; `statuses` gives each run's status.
    static func database(_ statuses: [RunStatus], in directory: TemporaryDirectory) throws -> ResultsDatabase {
        let database = try ResultsDatabase(path: directory.file("results.sqlite"))
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for (index, status) in statuses.enumerated() {
            let id = try database.beginRun(NewRun(suite: "quick", startedAt: start.addingTimeInterval(Double(index) * 3600)))
            try database.recordSpec(
                SpecResult(spec: "creation", samples: [Sample(metric: .creationTime, iteration: 0, value: 0.2)]), for: id)
            try database.finishRun(id, status: status, reason: status == .completed ? nil : "test")
        }
        return database
    }

    @Test func withoutAnyBaselineTheLatestCleanCompletedRunBeforeTheCandidateIsUsed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.completed, .completed, .failed, .aborted, .completed], in: directory)
        let resolver = BaselineResolver(database: database)
        let candidate = try database.run(5)
        #expect(try resolver.resolve(for: candidate)?.runIDs == [2])
        // A run that raised an alert is skipped by the fallback.
        try database.replaceAlerts(
            [AlertRecord(baselineRunID: 1, baselineName: nil, rule: "creation-slowdown", metric: .creationTime, baselineValue: 0.2,
                         currentValue: 0.3, change: 0.5, message: "slower")], for: 2)
        #expect(try resolver.resolve(for: candidate)?.runIDs == [1])
        #expect(try resolver.resolve(for: try database.run(1)) == nil)
    }

    @Test func theBaselineCalledDefaultWinsOverTheFallback() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.completed, .completed, .completed], in: directory)
        try database.setBaseline(name: "default", run: 1)
        let resolution = try #require(try BaselineResolver(database: database).resolve(for: try database.run(3)))
        #expect(resolution.runIDs == [1])
        #expect(resolution.name == "default")
        #expect(resolution.label == "baseline \"default\" (run 1)")
    }

    @Test func aNamedBaselineARunIdAndLatestAreHonoured() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.completed, .completed, .completed, .completed], in: directory)
        try database.setBaseline(name: "before-upgrade", run: 2)
        let resolver = BaselineResolver(database: database)
        let candidate = try database.run(4)
        #expect(try resolver.resolve(for: candidate, requested: "before-upgrade")?.runIDs == [2])
        #expect(try resolver.resolve(for: candidate, requested: "1")?.runIDs == [1])
        #expect(try resolver.resolve(for: candidate, requested: "latest")?.runIDs == [3])
        #expect(throws: StoreError.unknownBaseline(name: "nope")) { try resolver.resolve(for: candidate, requested: "nope") }
    }

    @Test func aFailedOrAbortedRunIsNeverABaseline() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.failed, .aborted, .completed], in: directory)
        let resolver = BaselineResolver(database: database)
        let candidate = try database.run(3)
        #expect(try resolver.resolve(for: candidate) == nil)
        #expect(try resolver.resolve(for: candidate, requested: "latest") == nil)
        #expect(try resolver.resolve(for: candidate, window: 5) == nil)
        #expect(throws: ComparisonInputError.notCompleted(id: 1, status: .failed)) { try resolver.resolve(for: candidate, requested: "1") }
        #expect(throws: StoreError.self) { try database.setBaseline(name: "x", run: 2) }
    }

    @Test func aWindowTakesTheLastKCompletedRunsBeforeTheCandidateOldestFirst() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.completed, .completed, .failed, .completed, .completed, .completed], in: directory)
        let resolution = try #require(try BaselineResolver(database: database).resolve(for: try database.run(6), window: 3))
        #expect(resolution.runIDs == [2, 4, 5])
        #expect(resolution.label == "median of the 3 runs 2–5")
    }

    @Test func theCandidateIsTheLatestMainRunOrTheIdGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database([.completed, .failed], in: directory)
        let resolver = BaselineResolver(database: database)
        #expect(try resolver.candidate(nil).id == 2)
        #expect(try resolver.candidate("latest").id == 2)
        #expect(try resolver.candidate("1").id == 1)
        #expect(throws: ComparisonInputError.notARun("yesterday")) { try resolver.candidate("yesterday") }
        #expect(throws: StoreError.unknownRun(id: 9)) { try resolver.candidate("9") }
    }
}
