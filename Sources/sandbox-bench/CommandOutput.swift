import BenchModel
import CommandLineSupport
import Foundation
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

/// How every command prints for people and scripts: `--json`, UTC times, figures, tables.
enum CommandOutput {
    /// Prints text meant for people (a line, a table, a summary) with every control character but
    /// line breaks and tabs escaped: a label or a container's output must not act on a terminal.
    static func show(_ text: String, terminator: String = "\n") {
        StandardOutput.write(TerminalSafe.block(text) + terminator)
    }

    /// Prints a data format exactly as it is, for a file or a pipe; on a terminal JSON is escaped
    /// as JSON escapes (it stays valid JSON), CSV like text.
    static func data(_ text: String, terminator: String = "\n", csv: Bool = false) {
        let shown = isatty(STDOUT_FILENO) != 1 ? text : csv ? TerminalSafe.block(text) : TerminalSafe.json(text)
        StandardOutput.write(shown + terminator)
    }

    /// Pretty-printed JSON with sorted keys and ISO 8601 dates, the shape every `--json` prints.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(utc(date, fractionalSeconds: true))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `2025-11-26T02:00:01Z` (or with milliseconds).
    static func utc(_ date: Date, fractionalSeconds: Bool = false) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            fractionalSeconds ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        TextTable.lines(rows).joined(separator: "\n")
    }
}
