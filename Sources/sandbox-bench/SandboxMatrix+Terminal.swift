import BenchModel
import Reporting

extension SandboxMatrix {
    /// The matrix for a terminal: a heading line, one row per figure, one column per profile,
    /// then the verdict of each later column against the first, the properties it lost or
    /// gained, and each profile's weakenings. Every user string (a profile's file name) goes
    /// through `TerminalSafe`.
    package func terminalLines() -> [String] {
        var rows = [[""] + columns.map { "\($0.side): \(TerminalSafe.inline($0.source))" }]
        rows.append([""] + columns.map { "\($0.runtime), run \($0.runID)" })
        for row in Row.allCases {
            rows.append([row.title] + columns.map { cell(row, $0) })
        }
        rows.append(["verdict"] + columns.map(verdictText))
        var lines = [
            "Sandboxes compared on the testbed \(TerminalSafe.inline(testbed)), suite \(suite), "
                + "interleaved in a rotating order, \(DecimalText.fixed(seconds, decimals: 1)) s:"
        ]
        lines += TextTable.lines(rows).map { "  " + $0 }
        lines += differenceLines().map { "  " + TerminalSafe.inline($0) }
        lines += weakeningLines().map { "  " + TerminalSafe.inline($0) }
        return lines
    }
}
