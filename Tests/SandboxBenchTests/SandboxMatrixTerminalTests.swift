import BenchModel
import Foundation
import Reporting
import Testing

@testable import sandbox_bench

/// The matrix of `compare` as the command prints it: every row and column, the properties a
/// later column loses against the first, every user string (a profile's file name) terminal-safe.
@Suite struct SandboxMatrixTerminalTests {
    /// runc holding a read-only root, and a second profile (named `secondSource`) without one.
    static func matrix(secondSource: String = "gvisor.json") -> SandboxMatrix {
        let all = Dictionary(uniqueKeysWithValues: IsolationProperty.allCases.map { ($0, true) })
        var second = all
        second[.readOnlyRoot] = false
        let columns = [
            SandboxMatrix.Column(
                side: "A", source: "runc.json", runtime: "runc", runID: 1, runUUID: UUID(), status: .completed,
                figures: [.creation: 0.3], properties: all, verdict: nil),
            SandboxMatrix.Column(
                side: "B", source: secondSource, runtime: "runsc", runID: 2, runUUID: UUID(), status: .completed,
                figures: [.creation: 2.1], properties: second,
                verdict: .init(passed: false, alerts: ["creation.create_start_s is 600 % slower than A"])),
        ]
        return SandboxMatrix(
            testbed: "host/compare", suite: "quick", startedAt: Date(timeIntervalSince1970: 0), seconds: 61,
            columns: columns)
    }

    @Test func everyRowAndColumnIsPrinted() {
        let terminal = Self.matrix().terminalLines().joined(separator: "\n")
        for row in SandboxMatrix.Row.allCases { #expect(terminal.contains(row.title), "\(row)") }
        #expect(terminal.contains("A: runc.json") && terminal.contains("B: gvisor.json"), "\(terminal)")
        #expect(terminal.contains("read-only root"), "\(terminal)")
    }

    @Test func aWeakenedProfileIsNamedAfterTheTable() {
        var matrix = Self.matrix()
        matrix.columns[1].weakenings = ["keeps Docker's default capabilities", "seccomp unconfined\u{1B}[2J"]
        let lines = matrix.terminalLines()
        #expect(
            lines.last
                == "  B (gvisor.json) gives up isolation a sandbox for untrusted code should keep: keeps Docker's "
                + "default capabilities; seccomp unconfined\\e[2J.", "\(lines)")
        #expect(lines.filter { $0.contains("gives up") }.count == 1)
    }

    @Test func aHostileProfileNameIsEscaped() {
        let hostile = "<script>alert(1)</script>|**x**\u{1B}[2J.json"
        let terminal = Self.matrix(secondSource: hostile).terminalLines().joined()
        #expect(!terminal.contains("\u{1B}"))
        #expect(terminal.contains("\\e[2J"), "\(terminal)")
    }
}
