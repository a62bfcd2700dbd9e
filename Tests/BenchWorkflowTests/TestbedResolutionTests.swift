import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import Regression
import Reporting
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// Two hosts in one store: baselines, the default baseline, the clean-run fallback and windows
/// stay within the candidate's testbed, on either backend; a run of another testbed is used only
/// when named, and `latest` is always one testbed's newest run: this host's unless another is named.
@Suite(.temporaryDatabases) struct TestbedResolutionTests {
    /// Runs of `host-a` and `host-b` interleaved, an hour apart: a1 b1 a2 b2 a3 b3.
    static func fleet(_ temporary: TemporaryStore) async throws -> (store: any ResultsStore, a: [Int64], b: [Int64]) {
        let store = try await temporary.open()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var (a, b): ([Int64], [Int64]) = ([], [])
        for index in 0..<6 {
            let testbed = index.isMultiple(of: 2) ? "host-a" : "host-b"
            let id = try await store.beginRun(
                NewRun(suite: "quick", startedAt: start.addingTimeInterval(Double(index) * 3600), testbed: testbed))
            try await store.recordSpec(
                SpecResult(
                    spec: "creation",
                    samples: [Sample(metric: .creationTime, iteration: 0, value: 0.2 + Double(index) * 0.001)]),
                for: id)
            try await store.finishRun(id, status: .completed)
            if testbed == "host-a" { a.append(id) } else { b.append(id) }
        }
        return (store, a, b)
    }

    @Test(arguments: StoreBackend.all) func everyComparisonStaysWithinTheCandidatesTestbed(backend: StoreBackend)
        async throws
    {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let (store, a, b) = try await Self.fleet(temporary)

        // The fallback: the latest clean run of the same testbed, not the latest run overall.
        #expect(try await store.resolveBaseline(for: a[2])?.runIDs == [a[1]])
        #expect(try await store.resolveBaseline(for: b[2])?.runIDs == [b[1]])
        #expect(try await store.resolveBaseline(for: a[2], window: 5)?.runIDs == [a[0], a[1]])
        #expect(try await store.resolveBaseline(for: b[1], requested: "latest")?.runIDs == [b[0]])

        // `baseline set default` on each host: each gate compares with its own.
        try await store.setBaseline(name: "default", run: a[0])
        try await store.setBaseline(name: "default", run: b[1])
        #expect(try await store.resolveBaseline(for: a[2])?.runIDs == [a[0]])
        #expect(try await store.resolveBaseline(for: b[2])?.runIDs == [b[1]])
        let gate = RegressionGate(store: store, progress: SilentProgress(), logger: Logger(label: "test"))
        for (candidate, expected) in [(a[2], a[0]), (b[2], b[1])] {
            let outcome = try await gate.evaluate(RegressionGate.Request(candidate: try await store.run(candidate)))
            #expect(outcome.comparison.baseline?.runIDs == [expected])
            #expect(try await store.decisions(run: candidate).last?.baseline.runs.map(\.id) == [expected])
        }

        // Another testbed's run, named by id, is honoured.
        #expect(try await store.resolveBaseline(for: a[2], requested: String(b[0]))?.runIDs == [b[0]])
        // `latest` of a testbed.
        #expect(try await store.read { try BaselineResolver($0).candidate("latest", testbed: "host-a") }.id == a[2])
        #expect(try await store.read { try BaselineResolver($0).candidate(nil, testbed: "host-b") }.id == b[2])
        await #expect(throws: ComparisonInputError.noRunsOfTestbed("host-c", others: ["host-a", "host-b"])) {
            try await store.read { try BaselineResolver($0).candidate(nil, testbed: "host-c") }
        }
        // Without a testbed, `latest` is this host's: never the newest run of another testbed.
        await #expect(throws: ComparisonInputError.noRunsOfTestbed(Testbed.defaultName, others: ["host-a", "host-b"])) {
            try await store.read { try BaselineResolver($0).candidate(nil) }
        }
        let mine = try await store.beginRun(
            NewRun(suite: "quick", startedAt: Date(timeIntervalSince1970: 1_789_000_000)))
        try await store.finishRun(mine, status: .completed)
        let choice = try await store.read { try BaselineResolver($0).choose("latest") }
        #expect(choice.run.id == mine)
        #expect(choice.chosen == "Run \(mine): the latest completed run of the testbed \(Testbed.defaultName).")
        #expect(try await store.read { try BaselineResolver($0).choose(String(b[2])) }.chosen == nil)
    }

    /// The history site and change-point series are one testbed's history: a store with several
    /// testbeds needs the testbed named, and a report's series holds its own testbed's runs only.
    @Test(arguments: StoreBackend.all) func historiesStayWithinATestbed(backend: StoreBackend) async throws {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let (store, a, b) = try await Self.fleet(temporary)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }

        let everyTestbed = SitePublisher(store: store, configuration: RegressionConfiguration())
        await #expect(throws: ComparisonInputError.testbedNeeded(["host-a", "host-b"])) {
            try await everyTestbed.publish(into: folder.path)
        }
        let site = try await SitePublisher(store: store, configuration: RegressionConfiguration(), testbed: "host-b")
            .publish(into: folder.path)
        #expect(site.runPages == b.count)

        let history = try await store.read { reader in
            try ReportHistory.read(reader, endingWith: try reader.run(a[2]), length: 10, statistic: .median)
        }
        #expect(history.runs.map(\.id) == a)
        let creation = try #require(history.series.first { $0.metric == .creationTime })
        #expect(creation.entries.map(\.runID) == a)
    }
}
