import BenchModel
import Foundation

/// The report as JSON: `RunReport` encoded with sorted keys, dates as ISO 8601 UTC text with
/// milliseconds. The shape is documented in REPORT-JSON.md.
package enum JSONReport {
    package static func render(_ report: RunReport) throws -> String {
        try encode(report)
    }

    /// Any report value (a run's, the fleet's) in the same JSON style.
    package static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ReportDate.iso(date))
        }
        // The store keeps only finite values; this guards a figure derived from them, such as a ratio of zeros.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Reads a report back; a document with a key twice is refused (``JSONDocumentProblem``).
    package static func decode(_ text: String) throws -> RunReport {
        var decoder = StrictJSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ReportDate.parseISO(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not an ISO 8601 time such as 2026-11-26T02:00:00.000Z."
                )
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(RunReport.self, from: text)
    }
}
