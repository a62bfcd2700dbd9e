import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore

/// JSON the tool stored (a run's configuration, a decision) is read back as strictly as a file a
/// user names: sandbox-bench never writes a key twice, so a value with one was changed outside
/// it, and the store is refused as damaged (exit 3) rather than read one way here and another
/// way by every other tool.
@Suite(.temporaryDatabases) struct StoredJSONTests {
    @Test(arguments: StoreBackend.all) func aStoredConfigurationWithAKeyTwiceIsDamage(backend: StoreBackend)
        async throws
    {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let configuration = #"{"profile": {"user": "1000:1000", "\u0075ser": "0:0"}, "cpuCount": 2}"#
        let id = try await store.beginRun(NewRun(suite: "quick", configurationJSON: configuration))
        let error = await #expect(throws: StoreError.self) { _ = try await store.run(id) }
        guard case .damaged(_, let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.contains("configuration of run \(id)"), "\(message)")
        #expect(message.contains(#"the key "profile.user" appears twice in one object"#), "\(message)")
        #expect(error?.kind == .environment)
        #expect(error?.description.contains("restore it from a backup") == true)
        // The same text without the duplicate reads.
        let clean = try await store.beginRun(NewRun(suite: "quick", configurationJSON: #"{"cpuCount": 2}"#))
        #expect(try await store.run(clean).configurationJSON == #"{"cpuCount": 2}"#)
    }

    @Test(arguments: StoreBackend.all) func aStoredDecisionWithAKeyTwiceIsDamage(backend: StoreBackend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let run = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        _ = try await store.recordDecision(
            DecisionRecord(
                runID: run, decidedAt: Date(), toolVersion: "test", passed: true, alertCount: 0, baseline: .none,
                document: #"{"outcomes": [{"verdict": "alert", "verdict": "passed"}]}"#),
            alerts: [])
        let error = await #expect(throws: StoreError.self) { _ = try await store.decisions(run: run) }
        guard case .damaged(_, let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(
            message.contains(#"document of decision 1 does not hold JSON as sandbox-bench writes it"#), "\(message)")
        #expect(message.contains(#""outcomes[0].verdict" appears twice"#), "\(message)")
    }
}
