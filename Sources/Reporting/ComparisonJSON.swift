import BenchModel
import Foundation
import Regression

/// The comparison as JSON, for scripts: the `RunComparison` encoded with sorted keys (shape in docs/regression.md).
package enum ComparisonJSON {
    /// Which comparison a document shows, for a run that may have been gated: its stored
    /// decision, a re-evaluation with other rules or another baseline, or (never gated) the
    /// comparison asked for. Written as `shows` and `reevaluatedWith` beside the comparison's keys.
    package enum Shown: String, Sendable {
        case storedDecision = "stored decision"
        case reevaluation = "re-evaluation"
        case comparison
    }

    package static func render(_ result: RunComparison, shows: Shown, reevaluatedWith changes: [String] = []) throws
        -> String
    {
        try render(Marked(result: result, shows: shows, reevaluatedWith: changes.isEmpty ? nil : changes))
    }

    private struct Marked: Encodable {
        let result: RunComparison
        let shows: Shown
        let reevaluatedWith: [String]?

        enum CodingKeys: String, CodingKey { case shows, reevaluatedWith }

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(shows.rawValue, forKey: .shows)
            try container.encodeIfPresent(reevaluatedWith, forKey: .reevaluatedWith)
        }
    }

    package static func render(_ result: RunComparison) throws -> String {
        try render(encodable: result)
    }

    private static func render(_ marked: Marked) throws -> String {
        try render(encodable: marked)
    }

    private static func render(encodable result: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Sample values are filtered to finite ones, so this only guards against a future field.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }

    /// Reads a comparison back; a document with a key twice is refused (``JSONDocumentProblem``).
    package static func decode(_ text: String) throws -> RunComparison {
        var decoder = StrictJSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(RunComparison.self, from: text)
    }
}
