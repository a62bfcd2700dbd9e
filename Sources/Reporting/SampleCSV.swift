import BenchModel
import Foundation
import ResultsStore

/// Raw samples as CSV, one line per sample, for spreadsheets and pandas. Times are UTC
/// ISO 8601; phase columns are empty when the phase did not happen. A cell a spreadsheet would
/// run as a formula (a label such as `=HYPERLINK(…)`) is written inert (``cell(_:)``).
package enum SampleCSV {
    package static let header =
        [
            "run_id", "started_at", "status", "suite", "label", "git_commit", "spec", "metric", "iteration", "value",
            "unit",
        ] + LifecyclePhase.allCases.map { "\($0.rawValue)_s" }

    package static func render(_ details: [RunDetail]) -> String {
        headerLine + rows(details)
    }

    /// The first line, with its line break.
    package static var headerLine: String { header.joined(separator: ",") + "\n" }

    /// The lines of `details`' samples, each with its line break: what follows the header, so
    /// that a long export can be written a few runs at a time.
    package static func rows(_ details: [RunDetail]) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var lines: [String] = []
        for detail in details {
            let run = detail.run
            let started = formatter.string(from: run.startedAt)
            for spec in detail.specs {
                for sample in spec.samples {
                    let phases = LifecyclePhase.allCases.map { phase in sample.phases?[phase].map(number) ?? "" }
                    let fields =
                        [
                            String(run.id), started, run.status.rawValue, run.suite, run.label ?? "",
                            run.gitCommit ?? "", spec.spec,
                            sample.metric.rawValue, String(sample.iteration), number(sample.value),
                            sample.unit.rawValue,
                        ] + phases
                    lines.append(fields.map(cell).joined(separator: ",") + "\n")
                }
            }
        }
        return lines.joined()
    }

    /// A field as a cell: made inert (``inert(_:)``), then quoted as RFC 4180 asks.
    package static func cell(_ field: String) -> String {
        escape(inert(field))
    }

    /// What a spreadsheet takes for the start of a formula, as OWASP lists it ("CSV Injection"):
    /// `=`, `+`, `-`, `@`, a tab and a carriage return (and a line feed, for good measure).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// `field` with a leading `'` when a spreadsheet would read it as a formula (OWASP's advice: the
    /// quote makes the cell text, and Excel and LibreOffice do not show it). A plain number such as
    /// `-0.5` or `+3` is left as it is: it is no formula, and reads as the number it is.
    static func inert(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(field) else {
            return field
        }
        return "'" + field
    }

    /// `-0.5`, `+3`, `1e-05`: an optional sign, digits with an optional fraction, an optional exponent.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = text.unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        var mantissa = digits()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String { "\(value)" }
}
