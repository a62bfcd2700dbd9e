import Foundation
import StoreTestSupport
import Testing

@testable import Reporting

@Suite struct JSONReportTests {
    @Test func everyReportRoundTrips() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        for id in runs.ids {
            let report = try await runs.report(id)
            let text = try JSONReport.render(report)
            let decoded = try JSONReport.decode(text)
            let again = try JSONReport.render(decoded)
            let difference = zip(again.split(separator: "\n"), text.split(separator: "\n")).first { $0.0 != $0.1 }
            #expect(difference == nil, "first difference: \(String(describing: difference))")
            #expect(again == text)
            #expect(decoded == report)
            #expect(decoded.run.id == id)
            #expect(decoded.summaries == report.summaries)
            #expect(decoded.trends.map(\.points.count) == report.trends.map(\.points.count))
            #expect(decoded.trends.map { $0.points.map(\.value) } == report.trends.map { $0.points.map(\.value) })
            #expect(decoded.comparison == report.comparison)
            #expect(decoded.verdict == report.verdict)
            #expect(decoded.failures == report.failures)
            #expect(abs(decoded.run.startedAt.timeIntervalSince(report.run.startedAt)) < 0.001)
        }
    }

    @Test func theShapeHasTheDocumentedTopLevelKeys() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let text = try JSONReport.render(try await runs.report(runs.regressed))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let keys: Set<String> = [
            "formatVersion", "generatedAt", "toolVersion", "run", "baselineNames", "verdict", "baseline", "comparison",
            "summaries", "checks", "environment", "environmentDifferences", "notes", "failures", "containerCount",
            "containersNotRemoved", "storedAlerts", "trends", "phases", "environmentChanges",
        ]
        #expect(Set(object.keys) == keys)
        #expect(object["formatVersion"] as? Int == RunReport.currentFormatVersion)
        let run = try #require(object["run"] as? [String: Any])
        #expect((run["startedAt"] as? String)?.hasSuffix("Z") == true)
        // A failed run has no comparison: the key is absent, not null.
        let failed = try JSONReport.render(try await runs.report(runs.failed))
        let failedObject = try #require(try JSONSerialization.jsonObject(with: Data(failed.utf8)) as? [String: Any])
        #expect(failedObject["comparison"] == nil)
    }

    @Test func aTimeThatIsNotISO8601IsRefused() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let text = try JSONReport.render(try await runs.report(runs.baseline))
        let broken = text.replacingOccurrences(of: "\"generatedAt\" : \"", with: "\"generatedAt\" : \"yesterday ")
        #expect(broken != text)
        #expect(throws: DecodingError.self) { try JSONReport.decode(broken) }
    }
}
