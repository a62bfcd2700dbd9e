import BenchModel
import Foundation
import Regression
import RegressionFixtures
import Reporting
import StoreTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct JUnitReportTests {
    private func parse(_ xml: String) throws -> XMLElement {
        let document = try XMLDocument(data: Data(xml.utf8), options: [])
        return try #require(document.rootElement())
    }

    private func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }

    @Test func oneTestCasePerRuleAndMetricWithCountsThatAddUp() async throws {
        let result = ReportSample.result
        let root = try parse(JUnitReport.render(result))
        #expect(root.name == "testsuites")
        #expect(attribute(root, "tests") == "7")
        #expect(attribute(root, "failures") == "3")
        #expect(attribute(root, "errors") == "2")
        let suite = try #require(root.elements(forName: "testsuite").first)
        // Seven rule checks: creation, efficiency, the four cleanup metrics and the isolation rule;
        // two of those missing from specs the run planned (errors), two of specs it left out (skipped).
        for (name, value) in [("tests", "7"), ("failures", "3"), ("errors", "2"), ("skipped", "2"), ("time", "0.000")] {
            #expect(attribute(suite, name) == value, "\(name)")
        }
        #expect(attribute(suite, "name") == "sandbox-bench regression gate")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.count == result.outcomes.count)
        #expect(cases.map { attribute($0, "name") ?? "" } == result.outcomes.map { "\($0.rule): \($0.metric)" })
        #expect(cases.filter { !$0.elements(forName: "failure").isEmpty }.count == 3)
        #expect(cases.filter { !$0.elements(forName: "skipped").isEmpty }.count == 2)
        let errors = cases.filter { !$0.elements(forName: "error").isEmpty }
        #expect(
            errors.map { attribute($0, "name") } == [
                "cleanup-failures: e2e.failures", "cleanup-failures: run.leftover_containers",
            ])
        let error = try #require(errors.first?.elements(forName: "error").first)
        #expect(attribute(error, "type") == "missing-candidate")
        #expect(error.stringValue?.contains("missing from: the candidate") == true)
        // The schema's order: properties, then the test cases, then the suite's output.
        #expect(suite.children?.compactMap(\.name).first == "properties")
        #expect(suite.children?.compactMap(\.name).last == "system-out")
    }

    @Test func failureCarriesTheNumbers() async throws {
        let suite = try #require(
            try parse(JUnitReport.render(ReportSample.result)).elements(forName: "testsuite").first)
        let creation = try #require(
            suite.elements(forName: "testcase").first {
                attribute($0, "classname") == "sandbox-bench.creation-slowdown"
            })
        let failure = try #require(creation.elements(forName: "failure").first)
        let message = try #require(attribute(failure, "message"))
        #expect(
            message.contains("24.3 % slower than baseline (0.411 s → 0.512 s, 95 % CI +22.4 % … +25.9 %, p < 0.001)"))
        #expect(message.contains("the start phase moved most (+0.0900 s)"))
        let body = try #require(failure.stringValue)
        for line in [
            "baseline: 0.411 s", "current: 0.512 s", "change: +24.3 %", "limit: at most 20 % worse than baseline",
            "p: < 0.001 (significant)", "phase moved most: start +0.0900 s",
        ] {
            #expect(body.contains(line), "\(line)")
        }
    }

    @Test func userTextRoundTripsThroughTheXML() async throws {
        let root = try parse(JUnitReport.render(ReportSample.result, suiteName: "gate <&> \"quoted\""))
        #expect(attribute(root, "name") == "gate <&> \"quoted\"")
        let suite = try #require(root.elements(forName: "testsuite").first)
        let properties = try #require(suite.elements(forName: "properties").first).elements(forName: "property")
        let candidate = try #require(properties.first { attribute($0, "name") == "candidate" })
        #expect(attribute(candidate, "value") == ReportSample.hostileLabel)  // the line break survives as &#10;
        let output = try #require(suite.elements(forName: "system-out").first?.stringValue)
        #expect(output.contains("runc version: 1.1.5 → 1.1.12 | <patched>"))
    }

    @Test func charactersXMLCannotCarryAreReplacedSoTheDocumentStaysWellFormed() async throws {
        let candidate = Fixture.run([.parallelEfficiency: [0.9]], label: "bell\u{7} escape\u{1B}[31m nul\u{0}")
        let xml = JUnitReport.render(RunComparison(baseline: nil, candidate: candidate))
        let root = try parse(xml)
        let property = try #require(
            root.elements(forName: "testsuite").first?.elements(forName: "properties").first?.elements(
                forName: "property"
            ).first)
        #expect(attribute(property, "value") == "bell\u{FFFD} escape\u{FFFD}[31m nul\u{FFFD}")
    }

    @Test func noAlertMeansNoFailureElement() async throws {
        var candidate = Fixture.run([.parallelEfficiency: [0.9], .cleanupFailures: [0]])
        candidate.scope = RunScope(
            specs: ["parallel", "cleanup"], suite: "full", narrowing: "--spec parallel, cleanup")
        let result = RunComparison(baseline: nil, candidate: candidate)
        let root = try parse(
            JUnitReport.render(result, timestamp: Date(timeIntervalSince1970: 1_700_000_000), time: 12.5))
        #expect(attribute(root, "failures") == "0")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(attribute(suite, "timestamp") == "2023-11-14T22:13:20Z")
        #expect(attribute(suite, "time") == "12.500")
        let passed = suite.elements(forName: "testcase").filter { $0.children?.compactMap(\.name) == ["system-out"] }
        // Parallel efficiency and cleanup.failures; the run's own metric is missing, the others skipped.
        #expect(passed.count == 2)
        #expect(attribute(suite, "errors") == "1")
    }
}
