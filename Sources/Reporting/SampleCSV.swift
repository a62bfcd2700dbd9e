import BenchModel
import Foundation
import ResultsStore

/// Raw samples as CSV, one line per sample, for spreadsheets and pandas. Times are UTC
/// ISO 8601; phase columns are empty when the phase did not happen.
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
                    lines.append(fields.map(escape).joined(separator: ",") + "\n")
                }
            }
        }
        return lines.joined()
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String { "\(value)" }
}
