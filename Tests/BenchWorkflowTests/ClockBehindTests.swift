import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A host clock set back would file a new run before the history it follows: refused (exit 3).
@Suite struct ClockBehindTests {
    @Test func aStartEarlierThanTheTestbedsLatestRunIsRefused() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await BaselineResolverTests.store([.completed, .completed], in: temporary)
        let latest = try await store.run(2)
        let dayBehind = latest.startedAt.addingTimeInterval(-86_400)
        let error = try #require(
            await #expect(throws: ClockBehind.self) {
                try await store.read { try ClockBehind.check($0, testbed: Testbed.defaultName, now: dayBehind) }
            })
        #expect(error.latestRun == 2)
        #expect(error.kind == .environment)
        #expect(error.description.contains("behind the start of run 2"))
        // Later than the latest start, or within the tolerance of two sides of `ab` starting at once: fine.
        for now in [latest.startedAt.addingTimeInterval(60), latest.startedAt.addingTimeInterval(-1)] {
            try await store.read { try ClockBehind.check($0, testbed: Testbed.defaultName, now: now) }
        }
        // Another testbed's history does not order this one's.
        try await store.read { try ClockBehind.check($0, testbed: "elsewhere", now: dayBehind) }
    }

    /// A run ahead of this host's clock that another host measured (imported from a file or copied)
    /// is named as such: this host's clock is not the one to blame.
    @Test func aRunAheadFromAnotherHostIsNamedAsImported() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await BaselineResolverTests.store([.completed], in: temporary)
        let own = try await store.run(1)
        var file = try await store.read { try $0.baselineFile(run: 1, name: nil) }
        file.run.run.uuid = UUID()
        file.run.run.host = "ci-runner-7"
        file.run.run.startedAt = own.startedAt.addingTimeInterval(3_600)
        file.run.run.endedAt = own.startedAt.addingTimeInterval(3_660)
        _ = try await store.importRun(file.run)
        let error = try #require(
            await #expect(throws: ClockBehind.self) {
                try await store.read {
                    try ClockBehind.check($0, testbed: Testbed.defaultName, now: own.startedAt.addingTimeInterval(60))
                }
            })
        #expect(error.latestRun == 2)
        #expect(!error.writtenHere)
        #expect(error.description.contains("run 2 (measured on ci-runner-7 and imported or copied here)"))
    }
}
