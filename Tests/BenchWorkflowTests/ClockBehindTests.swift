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
}
