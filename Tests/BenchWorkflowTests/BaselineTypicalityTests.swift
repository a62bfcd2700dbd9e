import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A baseline about to be pinned, against the comparable runs measured around it: a run faster
/// or slower than every one of them, by at least 5 %, is called out; busy runs, runs of another
/// environment, runs failed by their gate and runs beyond the reach (by start time) are not its
/// neighbours.
@Suite struct BaselineTypicalityTests {
    @Test func aRunOutsideItsNeighboursRangeIsCalledOutWithTheOffsetLaterRunsWouldRead() throws {
        // The quiet runs of round 3 of the busy-night benchmark (docs/regression.md): its baseline
        // 0.119 s, the runs after it 0.125–0.143 s.
        let neighbours = [0.1360, 0.1428, 0.1281, 0.1410, 0.1337, 0.1255, 0.1392, 0.1325]
        let faster = try #require(BaselineTypicality.assess(run: 1, median: 0.119, neighbours: neighbours))
        #expect(faster.side == .faster)
        #expect(abs(faster.offset - (Statistics.median(neighbours) / 0.119 - 1)) < 1e-12)
        #expect(
            faster.description
                == "run 1's creation time (median 0.119 s) is below each of the 8 comparable runs measured around it "
                + "(0.126 s–0.143 s, their median 0.135 s): later runs read about 13 % slower against it with "
                + "nothing changed, and alert sooner")

        let slower = try #require(BaselineTypicality.assess(run: 7, median: 0.160, neighbours: neighbours))
        #expect(slower.side == .slower)
        #expect(slower.offset < 0)
        #expect(slower.description.contains("is above each of the 8"))
        #expect(slower.description.contains("faster against it than they are, and a real slowdown of that size passes"))
    }

    @Test func aRunWithinTheRangeOrWithTooFewNeighboursIsNotCalledOut() {
        let neighbours = [0.13, 0.14, 0.12, 0.15]
        #expect(BaselineTypicality.assess(run: 1, median: 0.12, neighbours: neighbours) == nil)
        #expect(BaselineTypicality.assess(run: 1, median: 0.15, neighbours: neighbours) == nil)
        #expect(BaselineTypicality.assess(run: 1, median: 0.135, neighbours: neighbours) == nil)
        #expect(BaselineTypicality.assess(run: 1, median: 0.10, neighbours: Array(neighbours.prefix(3))) == nil)
        #expect(BaselineTypicality.assess(run: 1, median: 0.10, neighbours: []) == nil)
        // Outside the range, but less than 5 % from the neighbours' median: chance, not luck worth a word.
        #expect(BaselineTypicality.assess(run: 1, median: 0.1310, neighbours: [0.134, 0.135, 0.136, 0.137]) == nil)
        #expect(BaselineTypicality.assess(run: 1, median: 0.1200, neighbours: [0.134, 0.135, 0.136, 0.137]) != nil)
    }

    @Test func neighboursAreTheNearestComparableCleanRunsOnEachSide() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try await temporary.open()
        // Beyond the reach: the sixth comparable run before the candidate.
        _ = try await CreationRuns.store(store, creation: 0.300, minute: 0)
        var minute = 1
        func next(_ creation: Double, kernel: String = "6.1", busy: Bool = false) async throws -> Int64 {
            minute += 1
            return try await CreationRuns.store(store, creation: creation, minute: minute, kernel: kernel, busy: busy)
        }
        for creation in [0.130, 0.134, 0.138, 0.132, 0.136] { _ = try await next(creation) }
        // Not neighbours: a busy run, a run on another kernel, and a run its gate failed — each
        // slower than the candidate, which would put it inside the range.
        _ = try await next(0.200, busy: true)
        _ = try await next(0.200, kernel: "6.2")
        let candidate = try await next(0.160)
        let failed = try await next(0.400)
        let outcome = try await StandingVerdictTests.gate(store, try await store.run(failed))
        #expect(!outcome.passed)
        for creation in [0.131, 0.137] { _ = try await next(creation) }
        // Copied in from another database after them all (a higher id), measured before them all: a
        // neighbour by its start time, beyond the reach.
        _ = try await CreationRuns.store(store, creation: 0.200, minute: 0)

        let finding = try #require(
            try await store.read { try BaselineTypicality.assess(try $0.run(candidate), in: $0) })
        #expect(finding.side == .slower)
        #expect(finding.neighbours.sorted() == [0.130, 0.131, 0.132, 0.134, 0.136, 0.137, 0.138])

        // The same run where it is typical: nothing to say.
        let typical = try await next(0.134)
        #expect(try await store.read { try BaselineTypicality.assess(try $0.run(typical), in: $0) } == nil)
        await store.close()
    }
}
