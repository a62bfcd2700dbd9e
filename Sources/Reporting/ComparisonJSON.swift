import Regression
import Foundation

/// The comparison as JSON, for scripts: the `RunComparison` encoded with sorted keys (shape in docs/regression.md).
public enum ComparisonJSON {
    public static func render(_ result: RunComparison) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Sample values are filtered to finite ones, so this only guards against a future field.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }

    public static func decode(_ text: String) throws -> RunComparison {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(RunComparison.self, from: Data(text.utf8))
    }
}
