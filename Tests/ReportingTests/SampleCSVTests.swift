import BenchModel
import Foundation
import ResultsStore
import Testing

@testable import Reporting

/// CSV export opened in a spreadsheet: a cell that would run as a formula is written inert, as
/// OWASP advises (a leading `'`), and a number stays a number.
@Suite struct SampleCSVTests {
    @Test(arguments: [
        (#"=HYPERLINK("http://example.invalid","x")"#, #""'=HYPERLINK(""http://example.invalid"",""x"")""#),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("\t=1", "'\t=1"), ("\r=1", "\"'\r=1\""), ("-", "'-"), ("+", "'+"),
        ("-e", "'-e"), ("1-2", "1-2"), ("a=b", "a=b"), ("nightly, second", "\"nightly, second\""), ("", ""),
    ])
    func aCellThatWouldRunAsAFormulaIsInert(text: String, cell: String) {
        #expect(SampleCSV.cell(text) == cell)
    }

    @Test(arguments: ["-0.5", "+3", "-3", "0", "1e-05", "-1.5E+10", "2.", "-.5", "12.25"])
    func aNumberStaysANumber(text: String) {
        #expect(SampleCSV.cell(text) == text)
    }

    @Test func anExportedRunKeepsItsNumbersAndDisarmsItsText() throws {
        let run = RunRecord(
            id: 7, uuid: UUID(), testbed: "bench", startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            endedAt: nil, status: .completed, reason: nil, suite: "quick", label: "=HYPERLINK(\"x\")",
            gitCommit: "@evil", toolVersion: "test", configurationJSON: "{}", purpose: .main, parentRunID: nil,
            host: "bench", pid: 1)
        let samples = [
            Sample(metric: MetricID("warm.overhead_pct"), iteration: 0, value: -0.5),
            Sample(metric: .creationTime, iteration: 1, value: 0.25, phases: PhaseTimings([.create: 0.05])),
        ]
        let detail = RunDetail(
            run: run, environment: nil, summaries: [], specs: [SpecResult(spec: "warm", samples: samples)], alerts: [],
            baselines: [], confirmationRunIDs: [], decisions: [])
        let lines = SampleCSV.render([detail]).split(separator: "\n")
        #expect(lines.count == 3)
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(first[4] == #""'=HYPERLINK(""x"")""#)
        #expect(first[5] == "'@evil")
        #expect(first[9] == "-0.5")
        #expect(lines[2].contains(",0.25,s,0.05,"))
    }
}
