import BenchModel
import Foundation
import Regression

extension SandboxMatrix {
    /// One line per later column that lost or gained properties of the standard against the first.
    package func differenceLines() -> [String] {
        guard let first = columns.first else { return [] }
        return columns.dropFirst().compactMap { column in
            let (lost, gained) = propertyDifferences(column)
            guard !lost.isEmpty || !gained.isEmpty else { return nil }
            var parts: [String] = []
            if !lost.isEmpty { parts.append("loses " + lost.map(\.title).joined(separator: ", ")) }
            if !gained.isEmpty { parts.append("gains " + gained.map(\.title).joined(separator: ", ")) }
            return "\(column.side) (\(column.source)) against \(first.side): " + parts.joined(separator: "; ") + "."
        }
    }

    /// The matrix as GitHub-flavoured Markdown: a table, then the differences of isolation.
    package func markdown() -> String {
        var lines = [
            "## Sandboxes compared",
            "",
            "Testbed \(MarkdownText.escape(testbed)), suite \(suite), measured in the same minutes in a rotating "
                + "order (\(DecimalText.fixed(seconds, decimals: 1)) s). Medians; each later column against "
                + "\(columns.first?.side ?? "A").",
            "",
        ]
        let weakened = weakeningLines()
        if !weakened.isEmpty {
            lines += weakened.map { "- ⚠️ " + MarkdownText.escape($0) } + [""]
        }
        lines += [
            "| | " + columns.map { "\($0.side): \(MarkdownText.escape($0.source))" }.joined(separator: " | ") + " |",
            "|---|" + columns.map { _ in "---:|" }.joined(),
            "| runtime, run | "
                + columns.map { "\(MarkdownText.escape($0.runtime)), run \($0.runID)" }
                .joined(separator: " | ") + " |",
        ]
        for row in Row.allCases {
            lines.append("| \(row.title) | " + columns.map { cell(row, $0) }.joined(separator: " | ") + " |")
        }
        lines.append("| verdict | " + columns.map(verdictText).joined(separator: " | ") + " |")
        let differences = differenceLines()
        if !differences.isEmpty {
            lines += [""] + differences.map { "- " + MarkdownText.escape($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
